using System.Security.Cryptography;
using System.Text;

namespace SiemActors.Node.Security;

/// <summary>
/// The configured API keys as SHA-256 hashes. A presented key is hashed and compared with every stored hash in
/// constant time, and the loop never stops early, so timing tells an attacker neither which bytes matched nor which key.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly (string Name, byte[] Hash, string[] Scopes)[] _keys;

    public ApiKeyStore(AuthOptions options)
    {
        var keys = new List<(string, byte[], string[])>();
        foreach (var (name, entry) in options.ApiKeys)
        {
            if (string.IsNullOrWhiteSpace(entry.Hash)) continue;
            var hash = ParseHash(entry.Hash)
                ?? throw new InvalidOperationException(
                    $"Siem:Auth:ApiKeys:{name}:Hash is not a SHA-256 hash (64 hex digits or 44 base64 characters); generate one with `siem apikey`");
            var unknown = entry.Scopes.Where(s => !Scopes.IsKnown(s)).ToList();
            if (unknown.Count > 0)
                throw new InvalidOperationException(
                    $"Siem:Auth:ApiKeys:{name}:Scopes has unknown scope(s) {string.Join(", ", unknown)}: expected {string.Join(", ", Scopes.All)}");
            if (keys.Any(k => k.Item2.AsSpan().SequenceEqual(hash)))
                throw new InvalidOperationException($"Siem:Auth:ApiKeys:{name}:Hash is the hash of another configured key; give each key its own");
            keys.Add((name, hash, entry.Scopes.ToArray()));
        }
        _keys = [.. keys];
    }

    public int Count => _keys.Length;

    /// <returns>The name and scopes of the key, or null when no configured key matches.</returns>
    public (string Name, string[] Scopes)? Find(string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(presented, hash);
        (string, string[])? found = null;
        foreach (var key in _keys)
        {
            // No early exit: every stored hash is compared whatever matched before.
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash)) found = (key.Name, key.Scopes);
        }
        return found;
    }

    public static void Hash(string key, Span<byte> destination)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        SHA256.HashData(bytes, destination);
        CryptographicOperations.ZeroMemory(bytes);
    }

    public static string HashHex(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(key, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>64 hex digits or base64 of 32 bytes; null for anything else.</summary>
    public static byte[]? ParseHash(string text)
    {
        text = text.Trim();
        if (text.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase)) text = text[7..];
        if (text.Length == 64 && text.All(Uri.IsHexDigit)) return Convert.FromHexString(text);
        var buffer = new byte[48];
        return Convert.TryFromBase64String(text, buffer, out var written) && written == SHA256.HashSizeInBytes ? buffer[..written] : null;
    }
}

namespace SiemActors.Node.Security;

/// <summary>
/// Bound from <c>Siem:Auth</c>. Keys are stored as hashes only, so a leaked configuration file does not leak a
/// working credential; <c>siem apikey</c> prints a new key once together with the lines to paste here.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Siem:Auth";

    /// <summary>By name: <c>Siem:Auth:ApiKeys:ci:Hash</c> (SHA-256 of the key, hex or base64) and <c>:Scopes</c>.</summary>
    public Dictionary<string, ApiKeyEntry> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    public JwtSettings Jwt { get; set; } = new();

    /// <summary><c>/metrics</c> needs a key with the <c>read</c> scope when true.</summary>
    public bool ProtectMetrics { get; set; }

    /// <summary><c>/docs</c> and <c>/openapi</c> need a key with the <c>read</c> scope when true.</summary>
    public bool ProtectDocs { get; set; }

    /// <summary>
    /// UNSAFE: lets a node with no key and no JWT listen beyond loopback, so anyone who reaches the port can send
    /// logs and read alerts. Only for a network that is itself closed (a private overlay behind an authenticating proxy).
    /// </summary>
    public bool AllowAnonymousNonLoopback { get; set; }

    /// <summary>True when any credential is configured: from then on every /api/v1 request must present one.</summary>
    public bool Enabled => ApiKeys.Values.Any(k => !string.IsNullOrWhiteSpace(k.Hash)) || Jwt.Enabled;
}

public sealed class ApiKeyEntry
{
    /// <summary>SHA-256 of the key as 64 hex digits or base64; never the key itself.</summary>
    public string Hash { get; set; } = "";

    /// <summary><c>ingest</c>, <c>read</c>, <c>admin</c>; empty: none (the key authenticates but may do nothing).</summary>
    public List<string> Scopes { get; set; } = [];
}

public sealed class JwtSettings
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }

    /// <summary>HMAC-SHA256 key, base64 (at least 32 bytes decoded). A secret: environment only.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Leeway for clocks between the token issuer and the node.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(SigningKey);
}

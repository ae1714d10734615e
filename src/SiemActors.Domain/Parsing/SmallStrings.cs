using System.Numerics;
using System.Runtime.InteropServices;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// Hands out one string per repeated value instead of a new one per line: a log stream repeats a handful of hosts and
/// programs, attack traffic repeats its addresses and user names, and access logs repeat a few dozen user agents and
/// their popular URLs and referrers. Direct-mapped and per thread, so there is no lock and no growth; a collision or a
/// value seen once only costs the allocation that would have happened anyway, plus a hash of a few sampled chars.
/// </summary>
internal static class SmallStrings
{
    public const int MaxLength = 48;
    private const int Slots = 512;

    /// <summary>Longer than this and a field is rarely repeated verbatim (tracking query strings, payloads).</summary>
    public const int MaxTextLength = 512;
    private const int TextSlots = 256;

    [ThreadStatic]
    private static string?[]? t_slots;

    [ThreadStatic]
    private static string?[]? t_text;

    /// <summary>Short tokens: hosts, programs, users, addresses.</summary>
    public static string Get(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > MaxLength) return s.ToString();
        var slots = t_slots ??= new string?[Slots];
        return Lookup(ref slots[Slot(s) & (Slots - 1)], s);
    }

    /// <summary>
    /// Free text fields of access lines (user agent, URL, referrer). A separate table, so that a stream of one-off URLs
    /// evicts other URLs and agents, never the addresses and users in <see cref="Get"/>.
    /// </summary>
    public static string Text(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > MaxTextLength) return s.ToString();
        var slots = t_text ??= new string?[TextSlots];
        return Lookup(ref slots[Slot(s) & (TextSlots - 1)], s);
    }

    private static string Lookup(ref string? slot, ReadOnlySpan<char> s)
    {
        if (slot is { } cached && s.SequenceEqual(cached)) return cached;
        return slot = s.ToString();
    }

    /// <summary>
    /// A cheap mix of the length and a few sampled chars (first, last, middle, quarters): string.GetHashCode (Marvin)
    /// over every char cost as much as the allocation it saves. Only the slot depends on it; equality is always checked
    /// in full, so a weak hash can cost a miss, never a wrong string.
    /// </summary>
    private static int Slot(ReadOnlySpan<char> s)
    {
        ulong head = 0, tail = 0, mid = 0;
        if (s.Length >= 16)
        {
            var bytes = MemoryMarshal.AsBytes(s);
            head = MemoryMarshal.Read<ulong>(bytes);
            tail = MemoryMarshal.Read<ulong>(bytes[^8..]);
            mid = MemoryMarshal.Read<ulong>(bytes[(s.Length / 4 * 2)..])
                ^ (MemoryMarshal.Read<ulong>(bytes[(s.Length / 2 * 2)..]) * 0x94D049BB133111EBUL)
                ^ BitOperations.RotateLeft(MemoryMarshal.Read<ulong>(bytes[(s.Length * 3 / 4 * 2 - 8)..]), 17);
        }
        else if (s.Length >= 4)
        {
            head = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(s[..4]));
            tail = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(s[^4..]));
            mid = s[s.Length / 2];
        }
        else
        {
            foreach (var c in s) head = (head << 16) | c;
        }
        var h = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (mid << 32) ^ mid ^ (ulong)s.Length;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h >> 40);
    }
}

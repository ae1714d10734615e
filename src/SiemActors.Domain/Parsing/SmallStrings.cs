using System.Numerics;
using System.Runtime.InteropServices;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// Hands out one string per repeated value instead of a new one per line: a log stream repeats a handful of hosts and
/// programs, attack traffic repeats its addresses and user names, and access logs repeat a few dozen user agents.
/// Direct-mapped and per thread, so there is no lock and no growth. A collision or a value seen once costs the
/// allocation that would have happened anyway plus a hash and a probe: ~10-20 ns in a varied stream, which is why
/// only fields that usually repeat come here.
/// </summary>
internal static class SmallStrings
{
    public const int MaxLength = 48;
    private const int Slots = 512;

    /// <summary>Longer than this and an agent string is rarely repeated verbatim (or is an attack payload).</summary>
    public const int MaxTextLength = 512;
    private const int TextSlots = 256;
    /// <summary>The last entry, whose <see cref="Entry.Hash"/> holds the text slot <see cref="Text"/> returned last.</summary>
    private const int LastTextSlot = Slots + TextSlots;
    /// <summary>The entry after it, whose <see cref="Entry.Value"/> is the address <see cref="IPv4"/> returned last.</summary>
    private const int LastIPv4Slot = LastTextSlot + 1;
    private const int TableSize = LastIPv4Slot + 1;

    // One table for both kinds (tokens first, then text): each thread-static read is a call into the runtime.
    [ThreadStatic]
    private static Entry[]? t_entries;

    /// <summary>Short tokens: hosts, programs, users, addresses.</summary>
    public static string Get(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > MaxLength) return s.ToString();
        var hash = Hash(s);
        return Lookup(ref (t_entries ??= new Entry[TableSize])[(int)(hash >> 40) & (Slots - 1)], hash, s);
    }

    /// <summary>
    /// User agents of access lines. Their own slots, so that a burst of new agents never evicts the addresses and users
    /// in <see cref="Get"/>. URLs and referrers are not shared: they repeat less, and a miss costs more than it saves.
    /// </summary>
    public static string Text(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > MaxTextLength) return s.ToString();
        var table = t_entries ??= new Entry[TableSize];
        // The agent of the previous line first: a client's requests come in bursts (a page and its assets, a scanner's
        // run), and comparing one string costs less than hashing it. The memo keeps a slot number, not the string, so
        // that updating it is a plain store rather than a write-barrier call.
        ref var memo = ref table[LastTextSlot];
        if (table[(int)memo.Hash].Value is { } last && last.Length == s.Length && s.SequenceEqual(last)) return last;
        var hash = Hash(s);
        var slot = Slots + ((int)(hash >> 40) & (TextSlots - 1));
        memo.Hash = (ulong)slot;
        return Lookup(ref table[slot], hash, s);
    }

    /// <summary>
    /// <paramref name="s"/> as a shared string when it is a plain IPv4 address (<see cref="Get"/>'s string), else null.
    /// The previous call's address is compared first, as agents are in <see cref="Text"/>: an access log's lines come in
    /// bursts per client, and one compare spares the address check and the hash. The memo holds the string itself, not a
    /// slot number: a slot may later hold another token, which must not pass for a checked address.
    /// </summary>
    public static string? IPv4(ReadOnlySpan<char> s)
    {
        var table = t_entries ??= new Entry[TableSize];
        ref var memo = ref table[LastIPv4Slot];
        if (memo.Value is { } last && last.Length == s.Length && s.SequenceEqual(last)) return last;
        if (!Scan.IsIPv4(s)) return null;
        var hash = Hash(s);
        var value = Lookup(ref table[(int)(hash >> 40) & (Slots - 1)], hash, s);
        memo.Value = value;
        return value;
    }

    /// <summary>
    /// The stored hash turns most misses away without reading the cached string, which in a varied stream is usually
    /// out of cache by the time the slot is looked at again.
    /// </summary>
    internal static string Lookup(ref Entry e, ulong hash, ReadOnlySpan<char> s, string? whole = null)
    {
        if (e.Hash == hash && e.Value is { } cached && s.SequenceEqual(cached)) return cached;
        var copy = whole ?? s.ToString();
        e.Value = copy;
        e.Hash = hash;
        return copy;
    }

    internal struct Entry
    {
        public string? Value;
        public ulong Hash;
    }

    /// <summary>
    /// A cheap mix of the length and a few sampled chars (first, last, middle, quarters): string.GetHashCode (Marvin)
    /// over every char cost as much as the allocation it saves. Slot and tag come from it; equality is always checked
    /// in full, so a weak hash can cost a miss, never a wrong string.
    /// </summary>
    internal static ulong Hash(ReadOnlySpan<char> s)
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
        return h ^ (h >> 31);
    }
}

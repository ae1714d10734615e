using System.Runtime.InteropServices;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// Hands out one string per short token (host, program, user, address) instead of a new one per line: a log stream
/// repeats a handful of hosts and programs, and attack traffic repeats its addresses and user names. Direct-mapped and
/// per thread, so there is no lock and no growth; a collision only costs the allocation that would have happened anyway.
/// </summary>
internal static class SmallStrings
{
    public const int MaxLength = 48;
    private const int Slots = 512;

    [ThreadStatic]
    private static string?[]? t_slots;

    public static string Get(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s.Length > MaxLength) return s.ToString();
        var slots = t_slots ??= new string?[Slots];
        ref var slot = ref slots[Slot(s)];
        if (slot is { } cached && s.SequenceEqual(cached)) return cached;
        return slot = s.ToString();
    }

    /// <summary>
    /// A cheap mix of the length, the first and last four chars and the middle one: string.GetHashCode (Marvin) over every
    /// char cost as much as the allocation it saves. Only the slot depends on it; equality is always checked in full.
    /// </summary>
    private static int Slot(ReadOnlySpan<char> s)
    {
        ulong head = 0, tail = 0;
        if (s.Length >= 4)
        {
            head = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(s[..4]));
            tail = MemoryMarshal.Read<ulong>(MemoryMarshal.AsBytes(s[^4..]));
        }
        else
        {
            foreach (var c in s) head = (head << 16) | c;
        }
        var h = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)s[s.Length / 2] << 32) ^ (ulong)s.Length;
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h >> 40) & (Slots - 1);
    }
}

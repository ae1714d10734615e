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
        ref var slot = ref slots[string.GetHashCode(s) & (Slots - 1)];
        if (slot is { } cached && s.SequenceEqual(cached)) return cached;
        return slot = s.ToString();
    }
}

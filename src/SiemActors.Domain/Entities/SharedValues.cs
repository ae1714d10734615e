using SiemActors.Domain.Parsing;

namespace SiemActors.Domain.Entities;

/// <summary>
/// One copy of each value entities keep (user names, paths, user agents) instead of one per entity that saw it: a million
/// entities that saw the same browser agent would otherwise keep a million 250-byte strings. Direct-mapped and per
/// thread, like <see cref="SmallStrings"/>: bounded (an attacker's million random values cost a fixed table), with no
/// lock. A value may have one copy per thread, and a collision replaces the older value, which only costs a later copy.
/// <para>
/// It replaced CommunityToolkit's <c>StringPool.Shared</c>, whose locks had two thread-pool threads of the ip partitions
/// waiting on each other on average in a profile of the benchmark (dotnet-trace thread-time samples, 2026-12-07).
/// </para>
/// </summary>
internal static class SharedValues
{
    private const int Slots = 4096;

    [ThreadStatic]
    private static SmallStrings.Entry[]? t_entries;

    public static string Get(string value) => value.Length == 0 ? string.Empty : Get(value.AsSpan(), value);

    public static string Get(ReadOnlySpan<char> value) => value.IsEmpty ? string.Empty : Get(value, null);

    private static string Get(ReadOnlySpan<char> value, string? whole)
    {
        var hash = SmallStrings.Hash(value);
        return SmallStrings.Lookup(ref (t_entries ??= new SmallStrings.Entry[Slots])[(int)(hash >> 40) & (Slots - 1)], hash, value, whole);
    }
}

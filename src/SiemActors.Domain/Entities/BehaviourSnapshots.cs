namespace SiemActors.Domain.Entities;

// Plain data copies of entity state, written as periodic snapshots by the entity actors. Compact on purpose
// (flat arrays, no per-value objects): a million entities means a million rows.

/// <summary>A <see cref="RecentSet"/>: the values, and per value its first seen, last seen and count (three longs each).</summary>
public sealed record SeenSnapshot(string[] Values, long[] Stats)
{
    public static SeenSnapshot? From(in RecentSet set)
    {
        if (set.Count == 0) return null;
        var entries = set.Entries;
        var values = new string[entries.Count];
        var stats = new long[entries.Count * 3];
        for (var i = 0; i < entries.Count; i++)
        {
            values[i] = entries[i].Value;
            (stats[i * 3], stats[i * 3 + 1], stats[i * 3 + 2]) = (entries[i].FirstSeen, entries[i].LastSeen, entries[i].Count);
        }
        return new SeenSnapshot(values, stats);
    }

    public void RestoreInto(ref RecentSet set)
    {
        for (var i = 0; i < Values.Length && i * 3 + 2 < Stats.Length; i++)
            set.Restore(new RecentSet.Entry(Values[i], Stats[i * 3], Stats[i * 3 + 1], Stats[i * 3 + 2]));
    }
}

public sealed record EwmaSnapshot(double Mean, double Variance, long Periods)
{
    public static EwmaSnapshot From(in Ewma e) => new(e.Mean, e.Variance, e.Periods);
    public Ewma ToEwma() => new() { Mean = Mean, Variance = Variance, Periods = Periods };
}

/// <param name="Minute">Rows of the 10 s buckets (1 min window): [bucket id, counters...] each; likewise the others.</param>
public sealed record IpBehaviourSnapshot(
    long FirstSeen, long LastSeen, long SessionStart, long TotalEvents,
    long[] Minute, long[] TenMinutes, long[] Hour,
    SeenSnapshot? Users, SeenSnapshot? Paths, SeenSnapshot? UserAgents,
    long BaselineMinute, long MinuteEvents, long MinuteFailures,
    EwmaSnapshot EventsPerMinute, EwmaSnapshot FailuresPerMinute);

public sealed record UserBehaviourSnapshot(
    long LastSeen, long LastSuccess, string? LastSuccessIp, string? LastSuccessCountry,
    int FailuresSinceSuccess, bool IsPrivileged,
    SeenSnapshot? KnownIps, SeenSnapshot? KnownCountries, SeenSnapshot? IpsTried, int[]? LoginHours);

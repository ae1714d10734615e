using SiemActors.Actors.Serialization;
using SiemActors.Domain.Entities;

namespace SiemActors.Actors.Entities;

public sealed record SeenValue(string Value, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Count);

/// <summary>An EWMA baseline of one per-minute rate: mean, standard deviation, and how many minutes it has seen.</summary>
public sealed record BaselineValue(double Mean, double StdDev, long Minutes);

/// <summary>The behavioural profile of one IP, as the entity endpoint shows it.</summary>
/// <param name="Windows">Counter sums keyed <c>{counter}_{1m|10m|1h}</c>, e.g. <c>failures_1m</c>, as of the IP's last event.</param>
public sealed record IpProfile(
    string Ip,
    long TotalEvents,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyDictionary<string, long> Windows,
    IReadOnlyList<SeenValue> UsersTried,
    IReadOnlyList<SeenValue> UserAgents) : ISiemMessage
{
    /// <summary>ISO country code, <c>internal</c> or <c>unknown</c>.</summary>
    public string Country { get; init; } = "unknown";
    public DateTimeOffset? SessionStart { get; init; }
    /// <summary><c>events_per_min</c> and <c>failures_per_min</c>.</summary>
    public IReadOnlyDictionary<string, BaselineValue> Baselines { get; init; } = new Dictionary<string, BaselineValue>();
    public IReadOnlyList<SeenValue> Paths { get; init; } = [];
}

public sealed record UserProfile(
    string User,
    DateTimeOffset? LastSeen,
    DateTimeOffset? LastSuccess,
    string? LastSuccessIp,
    string? LastSuccessCountry,
    int FailuresSinceSuccess,
    bool IsPrivileged,
    IReadOnlyList<SeenValue> KnownIps,
    IReadOnlyList<SeenValue> KnownCountries,
    IReadOnlyList<int> LoginHours) : ISiemMessage
{
    /// <summary>IPs any login attempt (success or failure) came from; "known" IPs are those with a success.</summary>
    public IReadOnlyList<SeenValue> IpsTried { get; init; } = [];
}

internal static class IpProfiles
{
    private static readonly string[] WindowSuffixes = ["1m", "10m", "1h"];

    public static IpProfile Of(string ip, IpBehaviour s)
    {
        var now = s.LastSeen == long.MinValue ? 0 : s.LastSeen;
        var windows = new Dictionary<string, long>(IpCounters.Count * 3);
        for (var c = 0; c < IpCounters.Count; c++)
        for (var w = 0; w < WindowSuffixes.Length; w++)
            windows[$"{IpCounters.Names[c]}_{WindowSuffixes[w]}"] = s.WindowSum(now, c, (IpWindow)w);
        return new IpProfile(ip, s.TotalEvents, ProfileTime.FromUnix(s.FirstSeen), ProfileTime.FromUnix(s.LastSeen),
            windows, ProfileTime.Seen(s.UsersTried), ProfileTime.Seen(s.UserAgents))
        {
            Country = s.Geo.Describe(),
            SessionStart = ProfileTime.FromUnix(s.SessionStart),
            Baselines = new Dictionary<string, BaselineValue>
            {
                ["events_per_min"] = Baseline(s.EventsPerMinute),
                ["failures_per_min"] = Baseline(s.FailuresPerMinute),
            },
            Paths = ProfileTime.Seen(s.Paths),
        };
    }

    private static BaselineValue Baseline(Ewma e) => new(e.Mean, e.StdDev, e.Periods);
}

internal static class UserProfiles
{
    public static UserProfile Of(string user, UserBehaviour s) => new(
        user,
        ProfileTime.FromUnix(s.LastSeen),
        ProfileTime.FromUnix(s.LastSuccess),
        s.LastSuccessIp,
        s.LastSuccessCountry,
        s.FailuresSinceSuccess,
        s.IsPrivileged,
        ProfileTime.Seen(s.KnownIps),
        ProfileTime.Seen(s.KnownCountries),
        s.LoginHours.ToArray())
    {
        IpsTried = ProfileTime.Seen(s.IpsTried),
    };
}

internal static class ProfileTime
{
    public static DateTimeOffset? FromUnix(long seconds) =>
        seconds == long.MinValue ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);

    public static IReadOnlyList<SeenValue> Seen(IReadOnlyList<RecentSet.Entry> entries)
    {
        var list = new List<SeenValue>(entries.Count);
        foreach (var e in entries)
            list.Add(new SeenValue(e.Value, DateTimeOffset.FromUnixTimeSeconds(e.FirstSeen), DateTimeOffset.FromUnixTimeSeconds(e.LastSeen), e.Count));
        return list;
    }
}

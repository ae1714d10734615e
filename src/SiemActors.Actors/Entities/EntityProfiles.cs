using SiemActors.Actors.Serialization;

namespace SiemActors.Actors.Entities;

public sealed record SeenValue(string Value, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Count);

/// <summary>The behavioural profile of one IP, as the entity endpoint shows it.</summary>
public sealed record IpProfile(
    string Ip,
    long TotalEvents,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyDictionary<string, long> Windows,
    IReadOnlyList<SeenValue> UsersTried,
    IReadOnlyList<SeenValue> UserAgents) : ISiemMessage;

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
    IReadOnlyList<int> LoginHours) : ISiemMessage;

internal static class ProfileTime
{
    public static DateTimeOffset? FromUnix(long seconds) =>
        seconds == long.MinValue ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);

    public static IReadOnlyList<SeenValue> Seen(IEnumerable<Domain.Entities.RecentSet.Entry> entries) =>
        entries.Select(e => new SeenValue(e.Value, DateTimeOffset.FromUnixTimeSeconds(e.FirstSeen),
            DateTimeOffset.FromUnixTimeSeconds(e.LastSeen), e.Count)).ToList();
}

using SiemActors.Domain.Events;
using SiemActors.Domain.Features;

namespace SiemActors.Domain.Entities;

/// <summary>
/// What one source IP has been doing, on event time: auth attempts and failures, web requests and
/// errors, users tried and paths visited. <see cref="Observe"/> folds one event in and writes the IP's
/// part of the feature vector.
/// </summary>
public sealed class IpBehaviour
{
    // Counter slots in the 10 s ring (1 min = 6 buckets, 10 min = 60 buckets).
    internal const int Attempts = 0, Failures = 1, InvalidUsers = 2, Requests = 3, Errors4xx = 4, Errors5xx = 5, BytesOut = 6;
    internal const int CounterCount = 7;
    private const int BucketSeconds = 10, OneMinute = 6, TenMinutes = 60;
    public const long SessionGapSeconds = 30 * 60;
    public const long MaxTimeSinceLastSeconds = 7 * 24 * 3600;

    public const int MaxUsersTracked = 64;
    public const int MaxPathsTracked = 128;
    public const int MaxUserAgentsTracked = 16;

    private readonly SlidingCounters _counters = new(BucketSeconds, TenMinutes, CounterCount);
    private readonly RecentSet _users = new(MaxUsersTracked);
    private readonly RecentSet _paths = new(MaxPathsTracked);
    private readonly RecentSet _userAgents = new(MaxUserAgentsTracked);

    public long FirstSeen { get; private set; } = long.MinValue;
    public long LastSeen { get; private set; } = long.MinValue;
    public long SessionStart { get; private set; } = long.MinValue;
    public long TotalEvents { get; private set; }

    public IReadOnlyList<RecentSet.Entry> UsersTried => _users.Entries;
    public IReadOnlyList<RecentSet.Entry> UserAgents => _userAgents.Entries;

    public void Observe(LogEvent ev, Span<float> f)
    {
        var t = ev.Timestamp.ToUnixTimeSeconds();
        var sinceLast = LastSeen == long.MinValue ? MaxTimeSinceLastSeconds : Math.Clamp(t - LastSeen, 0, MaxTimeSinceLastSeconds);
        if (FirstSeen == long.MinValue) FirstSeen = t;
        if (SessionStart == long.MinValue || t - LastSeen > SessionGapSeconds) SessionStart = t;
        var newest = Math.Max(LastSeen, t);
        TotalEvents++;

        if (ev.Category is EventCategory.Authentication)
        {
            _counters.Add(t, Attempts, 1, newest);
            if (ev.Outcome == EventOutcome.Failure) _counters.Add(t, Failures, 1, newest);
            if (ev.Action == "ssh_invalid_user") _counters.Add(t, InvalidUsers, 1, newest);
        }
        if (ev.Category is EventCategory.Web)
        {
            _counters.Add(t, Requests, 1, newest);
            if (ev.HttpStatus is >= 400 and < 500) _counters.Add(t, Errors4xx, 1, newest);
            else if (ev.HttpStatus >= 500) _counters.Add(t, Errors5xx, 1, newest);
            if (ev.HttpBytes is > 0 and var b) _counters.Add(t, BytesOut, b, newest);
            if (ev.UrlOriginal is { } url) _paths.Touch(PathOf(url), t);
            if (ev.UserAgent is { } ua) _userAgents.Touch(ua, t);
        }
        if (ev.UserName is { } user) _users.Touch(user, t);
        LastSeen = newest;

        var attempts10 = _counters.Sum(t, Attempts, TenMinutes);
        var requests10 = _counters.Sum(t, Requests, TenMinutes);
        var requests1 = _counters.Sum(t, Requests, OneMinute);
        f[FeatureNames.LoginAttempts] = attempts10;
        f[FeatureNames.RequestsPerSec] = requests1 / 60f;
        f[FeatureNames.Requests1m] = requests1;
        f[FeatureNames.UniqueUsers] = _users.CountSince(t - 600);
        f[FeatureNames.FailedAuthRate] = attempts10 == 0 ? 0 : (float)_counters.Sum(t, Failures, TenMinutes) / attempts10;
        f[FeatureNames.Error4xxRate] = requests10 == 0 ? 0 : (float)_counters.Sum(t, Errors4xx, TenMinutes) / requests10;
        f[FeatureNames.Error5xxRate] = requests10 == 0 ? 0 : (float)_counters.Sum(t, Errors5xx, TenMinutes) / requests10;
        f[FeatureNames.TimeSinceLastS] = sinceLast;
        f[FeatureNames.SessionDurationS] = Math.Max(0, t - SessionStart);
        f[FeatureNames.FailedLogins1m] = _counters.Sum(t, Failures, OneMinute);
        f[FeatureNames.FailedLogins10m] = _counters.Sum(t, Failures, TenMinutes);
        f[FeatureNames.DistinctPaths10m] = _paths.CountSince(t - 600);
        f[FeatureNames.InvalidUsers10m] = _counters.Sum(t, InvalidUsers, TenMinutes);
    }

    /// <summary>Window sums as of <paramref name="nowUnixSeconds"/>, for the entity profile endpoint.</summary>
    public IpWindows WindowsAt(long nowUnixSeconds) => new(
        _counters.Sum(nowUnixSeconds, Attempts, OneMinute), _counters.Sum(nowUnixSeconds, Attempts, TenMinutes),
        _counters.Sum(nowUnixSeconds, Failures, OneMinute), _counters.Sum(nowUnixSeconds, Failures, TenMinutes),
        _counters.Sum(nowUnixSeconds, Requests, OneMinute), _counters.Sum(nowUnixSeconds, Requests, TenMinutes),
        _counters.Sum(nowUnixSeconds, Errors4xx, TenMinutes), _counters.Sum(nowUnixSeconds, Errors5xx, TenMinutes),
        _counters.Sum(nowUnixSeconds, BytesOut, TenMinutes));

    private static string PathOf(string url)
    {
        var q = url.IndexOf('?');
        return q < 0 ? url : url[..q];
    }
}

public sealed record IpWindows(
    long Attempts1m, long Attempts10m, long Failures1m, long Failures10m,
    long Requests1m, long Requests10m, long Errors4xx10m, long Errors5xx10m, long Bytes10m);

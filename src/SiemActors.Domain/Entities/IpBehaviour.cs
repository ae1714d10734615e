using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Geo;

namespace SiemActors.Domain.Entities;

/// <summary>
/// What one source IP has been doing, on event time: auth attempts and failures, web requests and
/// errors and bytes over 1 min, 10 min and 1 h; users tried, paths visited, user agents; first and last
/// seen; and a baseline (EWMA mean and variance) of its own per-minute rates. <see cref="Observe"/> folds
/// one event in and writes the IP's part of the feature vector. Memory is bounded and small when idle:
/// see docs/BENCHMARKS.md, "Entity memory".
/// </summary>
public sealed class IpBehaviour
{
    public const long SessionGapSeconds = 30 * 60;
    public const long MaxTimeSinceLastSeconds = 7 * 24 * 3600;

    public const int MaxUsersTracked = 64;
    public const int MaxPathsTracked = 128;
    public const int MaxUserAgentsTracked = 16;

    /// <summary>EWMA weight of one minute: 2/(N+1) with N = 60, about an hour of memory.</summary>
    public const double BaselineAlpha = 2.0 / 61;

    // Three tiers so each window is exact to its own bucket width without a 360-slot ring:
    // 1 min = 6 × 10 s, 10 min = 10 × 1 min, 1 h = 6 × 10 min. Each tier also sets how late an event may be and still count.
    // Mutable structs: not readonly, or every call would work on a defensive copy.
    private SlidingCounters _minute = new(10, 6, IpCounters.Count, IpCounters.Wide);
    private SlidingCounters _tenMinutes = new(60, 10, IpCounters.Count, IpCounters.Wide);
    private SlidingCounters _hour = new(600, 6, IpCounters.Count, IpCounters.Wide);
    // Storage comes on first use: most IPs of a scan never send a path or a user agent. Mutable structs, not readonly.
    private RecentSet _users = new(MaxUsersTracked);
    private RecentSet _paths = new(MaxPathsTracked);
    private RecentSet _userAgents = new(MaxUserAgentsTracked);

    private long _baselineMinute = long.MinValue;
    private long _minuteEvents, _minuteFailures;
    private Ewma _eventsPerMinute, _failuresPerMinute;

    public long FirstSeen { get; private set; } = long.MinValue;
    public long LastSeen { get; private set; } = long.MinValue;
    public long SessionStart { get; private set; } = long.MinValue;
    public long TotalEvents { get; private set; }
    /// <summary>Where this IP is; resolved once per activation by the entity (the database may change between runs).</summary>
    public GeoResult Geo { get; set; }

    public IReadOnlyList<RecentSet.Entry> UsersTried => _users.Entries;
    public IReadOnlyList<RecentSet.Entry> UserAgents => _userAgents.Entries;
    public IReadOnlyList<RecentSet.Entry> Paths => _paths.Entries;
    public Ewma EventsPerMinute => _eventsPerMinute;
    public Ewma FailuresPerMinute => _failuresPerMinute;

    public void Observe(LogEvent ev, Span<float> f)
    {
        var t = ev.Timestamp.ToUnixTimeSeconds();
        var sinceLast = LastSeen == long.MinValue ? MaxTimeSinceLastSeconds : Math.Clamp(t - LastSeen, 0, MaxTimeSinceLastSeconds);
        FirstSeen = FirstSeen == long.MinValue ? t : Math.Min(FirstSeen, t);
        if (SessionStart == long.MinValue || t - LastSeen > SessionGapSeconds) SessionStart = t;
        TotalEvents++;
        var failed = false;

        if (ev.Category is EventCategory.Authentication)
        {
            Count(t, IpCounters.Attempts, 1);
            failed = ev.Outcome == EventOutcome.Failure;
            if (failed) Count(t, IpCounters.Failures, 1);
            if (ev.Action == "ssh_invalid_user") Count(t, IpCounters.InvalidUsers, 1);
        }
        if (ev.Category is EventCategory.Web)
        {
            Count(t, IpCounters.Requests, 1);
            if (ev.HttpStatus is >= 400 and < 500) Count(t, IpCounters.Errors4xx, 1);
            else if (ev.HttpStatus >= 500) Count(t, IpCounters.Errors5xx, 1);
            if (ev.HttpBytes is > 0 and var b) Count(t, IpCounters.Bytes, b);
            if (ev.UrlOriginal is { } url) _paths.Touch(PathOf(url), t);
            if (ev.UserAgent is { } ua) _userAgents.Touch(ua, t);
        }
        if (ev.UserName is { } user) _users.Touch(user, t);
        UpdateBaseline(t, failed);
        LastSeen = Math.Max(LastSeen, t);

        var attempts10 = _tenMinutes.Sum(t, IpCounters.Attempts, 10);
        var requests10 = _tenMinutes.Sum(t, IpCounters.Requests, 10);
        var requests1 = _minute.Sum(t, IpCounters.Requests, 6);
        var failures10 = _tenMinutes.Sum(t, IpCounters.Failures, 10);
        f[FeatureNames.LoginAttempts] = attempts10;
        f[FeatureNames.RequestsPerSec] = requests1 / 60f;
        f[FeatureNames.Requests1m] = requests1;
        f[FeatureNames.UniqueUsers] = _users.CountSince(t - 600);
        f[FeatureNames.FailedAuthRate] = attempts10 == 0 ? 0 : (float)failures10 / attempts10;
        f[FeatureNames.Error4xxRate] = requests10 == 0 ? 0 : (float)_tenMinutes.Sum(t, IpCounters.Errors4xx, 10) / requests10;
        f[FeatureNames.Error5xxRate] = requests10 == 0 ? 0 : (float)_tenMinutes.Sum(t, IpCounters.Errors5xx, 10) / requests10;
        f[FeatureNames.TimeSinceLastS] = sinceLast;
        f[FeatureNames.SessionDurationS] = Math.Max(0, t - SessionStart);
        f[FeatureNames.FailedLogins1m] = _minute.Sum(t, IpCounters.Failures, 6);
        f[FeatureNames.FailedLogins10m] = failures10;
        f[FeatureNames.DistinctPaths10m] = _paths.CountSince(t - 600);
        f[FeatureNames.InvalidUsers10m] = _tenMinutes.Sum(t, IpCounters.InvalidUsers, 10);
    }

    /// <summary>One counter over one window, as of <paramref name="nowUnixSeconds"/> (for the profile endpoint).</summary>
    public long WindowSum(long nowUnixSeconds, int counter, IpWindow window) => window switch
    {
        IpWindow.OneMinute => _minute.Sum(nowUnixSeconds, counter, 6),
        IpWindow.TenMinutes => _tenMinutes.Sum(nowUnixSeconds, counter, 10),
        _ => _hour.Sum(nowUnixSeconds, counter, 6),
    };

    public IpBehaviourSnapshot ToSnapshot() => new(
        FirstSeen, LastSeen, SessionStart, TotalEvents,
        _minute.Export(), _tenMinutes.Export(), _hour.Export(),
        SeenSnapshot.From(_users), SeenSnapshot.From(_paths), SeenSnapshot.From(_userAgents),
        _baselineMinute, _minuteEvents, _minuteFailures,
        EwmaSnapshot.From(_eventsPerMinute), EwmaSnapshot.From(_failuresPerMinute));

    public static IpBehaviour FromSnapshot(IpBehaviourSnapshot s)
    {
        var b = new IpBehaviour
        {
            FirstSeen = s.FirstSeen, LastSeen = s.LastSeen, SessionStart = s.SessionStart, TotalEvents = s.TotalEvents,
            _baselineMinute = s.BaselineMinute, _minuteEvents = s.MinuteEvents, _minuteFailures = s.MinuteFailures,
            _eventsPerMinute = s.EventsPerMinute.ToEwma(), _failuresPerMinute = s.FailuresPerMinute.ToEwma(),
        };
        b._minute.Import(s.Minute);
        b._tenMinutes.Import(s.TenMinutes);
        b._hour.Import(s.Hour);
        s.Users?.RestoreInto(ref b._users);
        s.Paths?.RestoreInto(ref b._paths);
        s.UserAgents?.RestoreInto(ref b._userAgents);
        return b;
    }

    private void Count(long t, int counter, long amount)
    {
        _minute.Add(t, counter, amount);
        _tenMinutes.Add(t, counter, amount);
        _hour.Add(t, counter, amount);
    }

    /// <summary>
    /// Folds each finished minute (and the quiet minutes since) into the baselines. A late event counts in the
    /// minute being filled: the baseline is a slow average, one minute off does not move it.
    /// </summary>
    private void UpdateBaseline(long t, bool failed)
    {
        var minute = Math.DivRem(t, 60, out var rem) - (rem < 0 ? 1 : 0);
        if (_baselineMinute == long.MinValue) _baselineMinute = minute;
        else if (minute > _baselineMinute)
        {
            _eventsPerMinute.Update(_minuteEvents, BaselineAlpha);
            _failuresPerMinute.Update(_minuteFailures, BaselineAlpha);
            var quiet = minute - _baselineMinute - 1;
            if (quiet > 0)
            {
                _eventsPerMinute.UpdateZeros(quiet, BaselineAlpha);
                _failuresPerMinute.UpdateZeros(quiet, BaselineAlpha);
            }
            _baselineMinute = minute;
            _minuteEvents = _minuteFailures = 0;
        }
        _minuteEvents++;
        if (failed) _minuteFailures++;
    }

    /// <summary>
    /// The path without its query. One with a query is looked up in <see cref="SharedValues"/> by span: cutting the query
    /// off as a string would allocate one for every event that has a query. One without is the event's own string (the
    /// set compares by value and shares what it keeps).
    /// </summary>
    private static string PathOf(string url)
    {
        var q = url.IndexOf('?');
        return q < 0 ? url : SharedValues.Get(url.AsSpan(0, q));
    }
}

/// <summary>The counters an IP keeps per window; the names are the profile's window keys.</summary>
public static class IpCounters
{
    public const int Attempts = 0, Failures = 1, InvalidUsers = 2, Requests = 3, Errors4xx = 4, Errors5xx = 5, Bytes = 6;
    public const int Count = 7;
    /// <summary>Counters at the end of the list that need 64 bits: bytes.</summary>
    public const int Wide = 1;

    public static readonly IReadOnlyList<string> Names = ["attempts", "failures", "invalid_users", "requests", "errors_4xx", "errors_5xx", "bytes"];
}

public enum IpWindow { OneMinute, TenMinutes, OneHour }

using SiemActors.Domain.Entities;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Domain.Tests.Entities;

/// <summary>The IP's 1 min / 10 min / 1 h windows on event time: exact bucket boundaries, late events, the year boundary.</summary>
public sealed class IpWindowTests
{
    private const long T = 1_768_276_800; // a multiple of 3600 s, so every tier's bucket starts here

    private static LogEvent Failure(long unixSeconds, string user = "admin") => new()
    {
        Timestamp = DateTimeOffset.FromUnixTimeSeconds(unixSeconds), Source = SourceKind.Sshd,
        Category = EventCategory.Authentication, Action = "ssh_login", Outcome = EventOutcome.Failure,
        SourceIp = "198.51.100.9", UserName = user,
    };

    private static long Failures(IpBehaviour ip, long now, IpWindow w) => ip.WindowSum(now, IpCounters.Failures, w);

    [Fact]
    public void Each_window_drops_an_event_at_the_exact_end_of_its_span()
    {
        var ip = new IpBehaviour();
        ip.Observe(Failure(T), FeatureNames.NewVector());

        Assert.Equal(1, Failures(ip, T + 59, IpWindow.OneMinute));
        Assert.Equal(0, Failures(ip, T + 60, IpWindow.OneMinute));
        Assert.Equal(1, Failures(ip, T + 599, IpWindow.TenMinutes));
        Assert.Equal(0, Failures(ip, T + 600, IpWindow.TenMinutes));
        Assert.Equal(1, Failures(ip, T + 3599, IpWindow.OneHour));
        Assert.Equal(0, Failures(ip, T + 3600, IpWindow.OneHour));
    }

    [Fact]
    public void A_window_counts_whole_buckets_so_the_last_second_of_a_bucket_leaves_with_it()
    {
        var ip = new IpBehaviour();
        ip.Observe(Failure(T + 9), FeatureNames.NewVector());      // last second of the 10 s bucket [T, T+10)
        Assert.Equal(1, Failures(ip, T + 59, IpWindow.OneMinute));
        Assert.Equal(0, Failures(ip, T + 60, IpWindow.OneMinute));  // 51 s after the event, but its bucket is out
    }

    [Fact]
    public void Late_events_count_in_every_window_they_still_fall_in()
    {
        var ip = new IpBehaviour();
        var f = FeatureNames.NewVector();
        ip.Observe(Failure(T + 3000), f);
        ip.Observe(Failure(T + 2950), f);       // 50 s late: inside all three windows
        ip.Observe(Failure(T + 2300), f);       // 700 s late: only the hour
        ip.Observe(Failure(T + 3000 - 7200), f); // two hours late: nowhere

        Assert.Equal(2, Failures(ip, T + 3000, IpWindow.OneMinute));
        Assert.Equal(2, Failures(ip, T + 3000, IpWindow.TenMinutes));
        Assert.Equal(3, Failures(ip, T + 3000, IpWindow.OneHour));
        Assert.Equal(4, ip.TotalEvents);
        Assert.Equal(T + 3000, ip.LastSeen);       // a late event never moves the clock back
        Assert.Equal(T + 3000 - 7200, ip.FirstSeen);
        Assert.Equal(0, f[FeatureNames.TimeSinceLastS]); // clamped: late is not negative
    }

    [Fact]
    public void A_misdated_event_far_in_the_future_does_not_blind_the_windows_to_the_present()
    {
        var ip = new IpBehaviour();
        var f = FeatureNames.NewVector();
        ip.Observe(Failure(T + 365L * 24 * 3600), f);     // a year ahead (a wrong year guessed for a year-less syslog line)
        for (var i = 0; i < 5; i++) ip.Observe(Failure(T + i), f);

        Assert.Equal(5, f[FeatureNames.FailedLogins1m]);
        Assert.Equal(5, f[FeatureNames.FailedLogins10m]);
        Assert.Equal(5, Failures(ip, T + 10, IpWindow.OneHour));
    }

    [Fact]
    public void Windows_sessions_and_baselines_run_on_across_the_new_year()
    {
        var ip = new IpBehaviour();
        var f = FeatureNames.NewVector();
        var eve = new DateTimeOffset(2025, 12, 31, 23, 59, 50, TimeSpan.Zero).ToUnixTimeSeconds();
        ip.Observe(Failure(eve), f);
        ip.Observe(Failure(eve + 15), f);  // 2026-01-01 00:00:05

        Assert.Equal(2, f[FeatureNames.FailedLogins1m]);
        Assert.Equal(15, f[FeatureNames.TimeSinceLastS]);
        Assert.Equal(15, f[FeatureNames.SessionDurationS]);
        Assert.Equal(1, ip.EventsPerMinute.Periods);   // the minute 23:59 closed when 00:00 began
        Assert.Equal(1, ip.EventsPerMinute.Mean);

        var user = new UserBehaviour();
        user.Observe(Failure(eve) with { Outcome = EventOutcome.Success, SourceIp = "10.0.0.1" }, f);
        user.Observe(Failure(eve + 15) with { Outcome = EventOutcome.Success, SourceIp = "10.0.0.1" }, f);
        Assert.Equal(1, user.LoginHours[23]);
        Assert.Equal(1, user.LoginHours[0]);
        Assert.Equal(1, f[FeatureNames.IsKnownIp]);
    }

    [Fact]
    public void Profile_windows_cover_an_hour_of_mixed_traffic()
    {
        var ip = new IpBehaviour();
        var f = FeatureNames.NewVector();
        for (var m = 0; m < 60; m++)
            ip.Observe(new LogEvent
            {
                Timestamp = DateTimeOffset.FromUnixTimeSeconds(T + m * 60), Source = SourceKind.Nginx, Category = EventCategory.Web,
                SourceIp = "198.51.100.9", UrlOriginal = $"/p/{m % 5}?q={m}", HttpStatus = m % 10 == 0 ? 500 : 404, HttpBytes = 100,
            }, f);
        var now = T + 59 * 60;
        Assert.Equal(60, ip.WindowSum(now, IpCounters.Requests, IpWindow.OneHour));
        Assert.Equal(10, ip.WindowSum(now, IpCounters.Requests, IpWindow.TenMinutes));
        Assert.Equal(1, ip.WindowSum(now, IpCounters.Requests, IpWindow.OneMinute));
        Assert.Equal(6000, ip.WindowSum(now, IpCounters.Bytes, IpWindow.OneHour));
        Assert.Equal(6, ip.WindowSum(now, IpCounters.Errors5xx, IpWindow.OneHour));
        Assert.Equal(5, ip.Paths.Count);                 // the query string is not part of the path
        Assert.Equal(5, f[FeatureNames.DistinctPaths10m]);
        Assert.Equal(0.9f, f[FeatureNames.Error4xxRate], 3);
    }
}

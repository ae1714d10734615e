using SiemActors.Domain.Entities;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Domain.Tests.Entities;

public sealed class BehaviourTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 13, 3, 45, 0, TimeSpan.Zero);

    private static LogEvent Login(string ip, string user, DateTimeOffset at, bool ok, string? country = null) => new()
    {
        Timestamp = at, Source = SourceKind.Sshd, Category = EventCategory.Authentication, Action = "ssh_login",
        Outcome = ok ? EventOutcome.Success : EventOutcome.Failure, SourceIp = ip, UserName = user, SourceCountry = country,
    };

    [Fact]
    public void Ip_features_count_failures_users_and_time_since_last()
    {
        var ip = new IpBehaviour();
        var f = FeatureNames.NewVector();
        for (var i = 0; i < 12; i++) ip.Observe(Login("1.2.3.4", "user" + (i % 3), T0.AddSeconds(i * 4), ok: false), f);

        Assert.Equal(12, f[FeatureNames.FailedLogins1m]);
        Assert.Equal(12, f[FeatureNames.LoginAttempts]);
        Assert.Equal(3, f[FeatureNames.UniqueUsers]);
        Assert.Equal(1, f[FeatureNames.FailedAuthRate]);
        Assert.Equal(4, f[FeatureNames.TimeSinceLastS]);
        Assert.Equal(44, f[FeatureNames.SessionDurationS]);

        ip.Observe(Login("1.2.3.4", "user0", T0.AddMinutes(15), ok: true), f);
        Assert.Equal(0, f[FeatureNames.FailedLogins1m]);
        Assert.Equal(0, f[FeatureNames.FailedLogins10m]);
        Assert.Equal(0, f[FeatureNames.FailedAuthRate]);
    }

    [Fact]
    public void User_features_flag_a_success_after_failures_and_impossible_travel()
    {
        var user = new UserBehaviour();
        var f = FeatureNames.NewVector();
        user.Observe(Login("10.0.0.1", "alice", T0, ok: true, country: "DE"), f);
        Assert.Equal(0, f[FeatureNames.IsKnownIp]);   // never seen before this event
        for (var i = 1; i <= 5; i++) user.Observe(Login("5.6.7.8", "alice", T0.AddMinutes(i), ok: false, country: "DE"), f);
        Assert.Equal(5, f[FeatureNames.FailuresSinceSuccess]);

        user.Observe(Login("203.0.113.9", "alice", T0.AddMinutes(30), ok: true, country: "AU"), f);
        Assert.Equal(5, f[FeatureNames.SuccessAfterFailures]);
        Assert.Equal(0, f[FeatureNames.IsKnownCountry]);
        Assert.InRange(f[FeatureNames.GeoDistanceKm], 14_000, 16_500);       // Germany to Australia, centroid to centroid
        Assert.True(f[FeatureNames.TravelSpeedKmh] > 20_000);                 // in 30 minutes
        Assert.Equal(0, f[FeatureNames.FailuresSinceSuccess]);

        user.Observe(Login("10.0.0.1", "alice", T0.AddDays(1), ok: true, country: "DE"), f);
        Assert.Equal(1, f[FeatureNames.IsKnownIp]);
        Assert.Equal(1, f[FeatureNames.IsKnownCountry]);
    }

    [Fact]
    public void Event_features_read_time_url_and_user_agent()
    {
        var f = FeatureNames.NewVector();
        var ev = new LogEvent
        {
            Timestamp = new DateTimeOffset(2026, 1, 17, 23, 10, 0, TimeSpan.Zero), // a Saturday night
            Source = SourceKind.Nginx, Category = EventCategory.Web, SourceIp = "1.2.3.4",
            UrlOriginal = "/wp-login.php", HttpStatus = 404, HttpBytes = 321, UserAgent = "sqlmap/1.7",
        };
        EventFeatures.Fill(ev, f);
        Assert.Equal(23, f[FeatureNames.Hour]);
        Assert.Equal(1, f[FeatureNames.IsWeekend]);
        Assert.Equal(0, f[FeatureNames.IsBusinessHours]);
        Assert.Equal(1, f[FeatureNames.IsSensitiveEndpoint]);
        Assert.Equal(1, f[FeatureNames.IsSuspiciousUserAgent]);
        Assert.Equal(321, f[FeatureNames.Bytes]);
        Assert.Equal(0, EventFeatures.ShannonEntropy("aaaa"));
        Assert.Equal(2, EventFeatures.ShannonEntropy("abcd"), 6);
    }

    [Fact]
    public void Entities_share_one_copy_of_the_user_agents_users_and_ips_their_events_each_carried()
    {
        static string Parsed(string text) => new(text.AsSpan());
        const string agent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
        LogEvent Web(string ip) => new()
        {
            Timestamp = T0, Source = SourceKind.Nginx, Category = EventCategory.Web, Action = "http_request", Outcome = EventOutcome.Success,
            SourceIp = ip, UrlOriginal = Parsed($"/account/login?from={ip}"), HttpStatus = 200, UserAgent = Parsed(agent),
        };
        var f = FeatureNames.NewVector();
        var a = new IpBehaviour();
        var b = new IpBehaviour();
        a.Observe(Web("198.51.100.1"), f);
        b.Observe(Web("198.51.100.2"), f);
        a.Observe(Login("198.51.100.1", Parsed("deploy"), T0, ok: false), f);
        b.Observe(Login("198.51.100.2", Parsed("deploy"), T0, ok: false), f);
        var alice = new UserBehaviour();
        var bob = new UserBehaviour();
        alice.Observe(Login(Parsed("203.0.113.7"), "alice", T0, ok: true), f);
        bob.Observe(Login(Parsed("203.0.113.7"), "bob", T0, ok: true), f);

        Assert.Same(a.UserAgents[0].Value, b.UserAgents[0].Value);
        Assert.Same(a.UsersTried[0].Value, b.UsersTried[0].Value);
        // A path is kept without its query, and the cut copy is shared too.
        Assert.Equal("/account/login", a.Paths[0].Value);
        Assert.Same(a.Paths[0].Value, b.Paths[0].Value);
        Assert.Same(alice.KnownIps[0].Value, bob.KnownIps[0].Value);
        // And after a snapshot round trip, which gives every entity fresh strings.
        var restored = IpBehaviour.FromSnapshot(a.ToSnapshot());
        Assert.Same(a.UserAgents[0].Value, restored.UserAgents[0].Value);
    }
}

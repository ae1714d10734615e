using SiemActors.Domain.Entities;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Geo;
using Xunit;

namespace SiemActors.Domain.Tests.Entities;

public sealed class SnapshotAndBoundsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 13, 3, 45, 0, TimeSpan.Zero);

    private static LogEvent Login(string ip, string user, DateTimeOffset at, bool ok, string? country = null) => new()
    {
        Timestamp = at, Source = SourceKind.Sshd, Category = EventCategory.Authentication, Action = "ssh_login",
        Outcome = ok ? EventOutcome.Success : EventOutcome.Failure, SourceIp = ip, UserName = user, SourceCountry = country,
    };

    [Fact]
    public void An_ip_under_a_million_distinct_users_and_paths_keeps_bounded_sets_of_the_most_recent()
    {
        var ip = new IpBehaviour();
        var f = FeatureNames.NewVector();
        for (var i = 0; i < 1_000_000; i++)
        {
            var at = T0.AddMilliseconds(i * 10L);
            ip.Observe(Login("198.51.100.9", "u" + i, at, ok: false), f);
        }
        Assert.Equal(IpBehaviour.MaxUsersTracked, ip.UsersTried.Count);
        Assert.Contains(ip.UsersTried, e => e.Value == "u999999");
        Assert.DoesNotContain(ip.UsersTried, e => e.Value == "u0");
        Assert.Equal(IpBehaviour.MaxUsersTracked, f[FeatureNames.UniqueUsers]);
        var snapshot = ip.ToSnapshot();
        Assert.Equal(IpBehaviour.MaxUsersTracked, snapshot.Users!.Values.Length);
        Assert.True(snapshot.Minute.Length <= 6 * 8 && snapshot.TenMinutes.Length <= 10 * 8 && snapshot.Hour.Length <= 6 * 8);
    }

    [Fact]
    public void An_ip_restored_from_its_snapshot_continues_exactly_where_it_stopped()
    {
        var live = new IpBehaviour();
        var f = FeatureNames.NewVector();
        for (var i = 0; i < 30; i++) live.Observe(Login("198.51.100.9", "user" + (i % 4), T0.AddSeconds(i * 7), ok: i % 5 != 0), f);
        var restored = IpBehaviour.FromSnapshot(live.ToSnapshot());

        var next = Login("198.51.100.9", "user9", T0.AddSeconds(220), ok: false);
        var fLive = FeatureNames.NewVector();
        var fRestored = FeatureNames.NewVector();
        live.Observe(next, fLive);
        restored.Observe(next, fRestored);

        Assert.Equal(fLive, fRestored);
        Assert.Equal(live.TotalEvents, restored.TotalEvents);
        Assert.Equal(live.EventsPerMinute, restored.EventsPerMinute);
        Assert.Equal(live.UsersTried, restored.UsersTried);
        for (var w = 0; w < 3; w++)
        for (var c = 0; c < IpCounters.Count; c++)
            Assert.Equal(live.WindowSum(live.LastSeen, c, (IpWindow)w), restored.WindowSum(live.LastSeen, c, (IpWindow)w));
    }

    [Fact]
    public void A_user_restored_from_its_snapshot_still_knows_its_ips_countries_and_hours()
    {
        var live = new UserBehaviour();
        var f = FeatureNames.NewVector();
        live.Observe(Login("10.0.0.1", "root", T0, ok: true, country: "DE"), f);
        live.Observe(Login("203.0.113.9", "root", T0.AddMinutes(1), ok: false, country: "AU"), f);
        var restored = UserBehaviour.FromSnapshot(live.ToSnapshot());

        Assert.True(restored.IsPrivileged);
        Assert.Equal(1, restored.FailuresSinceSuccess);
        Assert.Equal("DE", restored.LastSuccessCountry);
        Assert.Equal(2, restored.IpsTried.Count);
        Assert.Equal(1, restored.LoginHours[T0.Hour]);
        restored.Observe(Login("10.0.0.1", "root", T0.AddHours(1), ok: true, country: "DE"), f);
        Assert.Equal(1, f[FeatureNames.IsKnownIp]);
        Assert.Equal(1, f[FeatureNames.IsKnownCountry]);
        Assert.Equal(1, f[FeatureNames.SuccessAfterFailures]);
    }

    [Fact]
    public void The_ip_resolves_its_country_once_and_hands_it_on_with_the_event()
    {
        var geo = new CountingGeo();
        var ip = new IpBehaviour();
        var ev = Login("45.142.212.61", "admin", T0, ok: false);
        var first = FeatureExtractor.WithCountry(ip, "45.142.212.61", ev, geo);
        var second = FeatureExtractor.WithCountry(ip, "45.142.212.61", ev, geo);
        Assert.Equal("NL", first.SourceCountry);
        Assert.Equal("NL", second.SourceCountry);
        Assert.Equal(1, geo.Calls);
        var carried = FeatureExtractor.WithCountry(ip, "45.142.212.61", ev with { SourceCountry = "FR" }, geo);
        Assert.Equal("FR", carried.SourceCountry);   // a country the log carried wins
    }

    [Theory]
    [InlineData("10.1.2.3", GeoKind.Internal)]
    [InlineData("172.20.0.1", GeoKind.Internal)]
    [InlineData("172.32.0.1", null)]
    [InlineData("192.168.1.1", GeoKind.Internal)]
    [InlineData("127.0.0.1", GeoKind.Internal)]
    [InlineData("169.254.0.5", GeoKind.Internal)]
    [InlineData("100.64.1.1", GeoKind.Internal)]
    [InlineData("::1", GeoKind.Internal)]
    [InlineData("fe80::1", GeoKind.Internal)]
    [InlineData("fd00::1", GeoKind.Internal)]
    [InlineData("::ffff:192.168.0.1", GeoKind.Internal)]
    [InlineData("8.8.8.8", null)]
    [InlineData("2001:4860:4860::8888", null)]
    [InlineData("not-an-ip", GeoKind.Unknown)]
    public void Internal_ranges_are_recognised_without_a_database(string ip, GeoKind? expected) =>
        Assert.Equal(expected, InternalRanges.Classify(ip)?.Kind);

    private sealed class CountingGeo : IGeoIpLookup
    {
        public int Calls;

        public GeoResult Lookup(string ip)
        {
            Calls++;
            return new GeoResult(GeoKind.Public, "NL");
        }
    }
}

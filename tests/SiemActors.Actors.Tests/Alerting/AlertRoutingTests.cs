using SiemActors.Actors.Alerting;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting;

public sealed class AlertRoutingTests
{
    private static readonly (string, bool)[] Configured = [("slack", false), ("webhook", false), ("pagerduty", true)];

    [Fact]
    public void By_default_every_configured_channel_gets_high_and_critical_and_nothing_gets_less()
    {
        var routing = new AlertRouting(Configured);
        Assert.Equal(["slack", "webhook", "pagerduty"], routing.ChannelsFor(RiskLevel.Critical));
        Assert.Equal(["slack", "webhook", "pagerduty"], routing.ChannelsFor(RiskLevel.High));
        Assert.Empty(routing.ChannelsFor(RiskLevel.Medium));
        Assert.Empty(routing.ChannelsFor(RiskLevel.Low));
        Assert.Equal(["pagerduty"], routing.ResolvableFor(RiskLevel.High));
    }

    [Fact]
    public void The_console_fallback_gets_every_level()
    {
        var routing = new AlertRouting([("console", false)]);
        foreach (var level in Enum.GetValues<RiskLevel>()) Assert.Equal(["console"], routing.ChannelsFor(level));
    }

    [Fact]
    public void Configured_routes_send_each_level_where_they_say_and_unlisted_levels_nowhere()
    {
        var routing = new AlertRouting(Configured, new Dictionary<string, List<string>>
        {
            ["critical"] = ["slack", "PagerDuty"],
            ["High"] = ["slack"],
            ["medium"] = ["webhook", "webhook"],
        });
        Assert.Equal(["slack", "pagerduty"], routing.ChannelsFor(RiskLevel.Critical));
        Assert.Equal(["slack"], routing.ChannelsFor(RiskLevel.High));
        Assert.Equal(["webhook"], routing.ChannelsFor(RiskLevel.Medium));
        Assert.Empty(routing.ChannelsFor(RiskLevel.Low));
        Assert.Equal(["pagerduty"], routing.ResolvableFor(RiskLevel.Critical));
        Assert.Empty(routing.ResolvableFor(RiskLevel.High));
        Assert.Equal("low: none; medium: webhook; high: slack; critical: slack, pagerduty", routing.ToString());
    }

    [Fact]
    public void A_route_to_a_channel_that_is_not_configured_fails_naming_it_and_what_is()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AlertRouting([("slack", false)],
            new Dictionary<string, List<string>> { ["critical"] = ["pagerduty"] }));
        Assert.Contains("Routes:critical", ex.Message);
        Assert.Contains("'pagerduty'", ex.Message);
        Assert.Contains("configured: slack", ex.Message);
    }

    [Fact]
    public void A_route_key_that_is_not_a_level_fails()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AlertRouting([("slack", false)],
            new Dictionary<string, List<string>> { ["urgent"] = ["slack"] }));
        Assert.Contains("'urgent'", ex.Message);
    }
}

using SiemActors.Actors.Tests.Alerting.Channels;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Alerting;

/// <summary>An allow-listed network's brute force is scored as usual, counted as suppressed, and never alerted.</summary>
public sealed class AlertSuppressionSpec
{
    [Fact]
    public async Task A_brute_force_from_an_allow_listed_network_is_counted_and_not_alerted_while_others_still_are()
    {
        const string allowed = "203.0.113.50", other = "45.142.212.76";
        await using var slack = await RecordingHttpReceiver.StartAsync();
        await using var node = await TestNode.StartAsync(slackUrl: slack.Url("/services/T/B/suppress"), extraArgs:
            ["--Siem:Alerts:Suppress:Networks:0=203.0.113.0/24", "--Siem:Alerts:Suppress:Users:0=backup-svc",
             "--Siem:Alerts:FlushInterval=00:00:00.200"]);

        var answer = await node.PostBatchAsync(AttackTraffic.BruteForce(allowed, 20));
        Assert.True(answer.GetProperty("anomalies").GetInt32() > 0, "the allow-list must not change scoring");
        await Eventually.Async(async () => SuppressedCount(await node.Http.GetStringAsync("/metrics")) >= 10,
            TimeSpan.FromSeconds(30), "suppressed candidates counted");

        // Another attacker is alerted as usual: once it is delivered, the allowed one had its chance to be too.
        await node.PostBatchAsync(AttackTraffic.BruteForce(other, 20));
        await node.AlertsOfAsync(other, AttackTraffic.FullyDelivered, "the other attacker's alert");
        Assert.Empty((await node.GetJsonAsync($"/api/v1/alerts?entity={allowed}")).GetProperty("alerts").EnumerateArray());
        var post = Assert.Single(slack.Accepted);
        Assert.Contains(other, post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(allowed, post.Body, StringComparison.Ordinal);
    }

    private static double SuppressedCount(string metrics) => metrics.Split('\n')
        .Where(l => l.StartsWith("siem_alerts_suppressed_total{", StringComparison.Ordinal) && l.Contains("rule=\"network\"", StringComparison.Ordinal))
        .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
        .Sum();
}

using SiemActors.Actors.Tests.Alerting.Channels;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Alerting;

/// <summary>Grouping and throttling through the real node: a long brute force is one message, then at most one update per cooldown.</summary>
public sealed class AlertThrottlingSpec
{
    private const string Ip = "45.142.212.80";
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_200_event_brute_force_posts_one_message_then_at_most_one_update_per_cooldown()
    {
        await using var slack = await RecordingHttpReceiver.StartAsync();
        await using var node = await TestNode.StartAsync(slackUrl: slack.Url("/services/T/B/throttle"), extraArgs:
            ["--Siem:Alerts:UpdateCooldown=00:00:02", "--Siem:Alerts:FlushInterval=00:00:00.200"]);

        // 200 failed logins in 10 batches over ~5 s: the attack is still going on across two cooldowns.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var alerts = 0;
        for (var batch = 0; batch < 10; batch++)
        {
            var answer = await node.PostBatchAsync(AttackTraffic.BruteForce(Ip, 20, batch * 20));
            alerts += answer.GetProperty("alerts").GetInt32();
            await Task.Delay(500); // paces the attack; what is asserted is awaited below
        }
        var attack = clock.Elapsed;
        Assert.True(alerts > 150, $"only {alerts} of 200 events were alert-worthy");

        // Wait for the final state: every folded event counted and that revision delivered.
        var final = (await node.AlertsOfAsync(Ip, a => a.GetProperty("event_count").GetInt64() == alerts && AttackTraffic.FullyDelivered(a),
            "the last update delivered", seconds: 45)).Single();
        Assert.Equal("brute_force", final.GetProperty("scenario").GetString());

        var posts = slack.Accepted;
        Assert.DoesNotContain("Update", Header(posts[0].Body), StringComparison.Ordinal);
        Assert.All(posts.Skip(1), p => Assert.Contains("Update", Header(p.Body), StringComparison.Ordinal));
        // One message, plus at most one update per cooldown that the attack (and the last flush) spanned; an escalation
        // (e.g. high -> critical) is news and posts at once, so it is the one exception.
        var levels = posts.Select(p => Level(Header(p.Body))).ToList();
        var escalations = levels.Zip(levels.Skip(1), (a, b) => a != b).Count(changed => changed);
        var maxUpdates = (int)Math.Ceiling((attack + Cooldown).TotalSeconds / Cooldown.TotalSeconds);
        Assert.InRange(posts.Count, 2, 1 + maxUpdates + escalations);
        for (var i = 1; i < posts.Count; i++)
        {
            if (levels[i] != levels[i - 1]) continue;
            var gap = posts[i].ReceivedAt - posts[i - 1].ReceivedAt;
            Assert.True(gap >= Cooldown - TimeSpan.FromMilliseconds(150), $"posts {i - 1} and {i} came {gap.TotalMilliseconds:0} ms apart");
        }
        Assert.Equal(final.GetProperty("revision").GetInt32(), posts.Count);
    }

    private static string Level(string header) =>
        new[] { "CRITICAL", "HIGH", "MEDIUM", "LOW" }.First(l => header.Contains(l, StringComparison.Ordinal));

    private static string Header(string slackBody)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(slackBody);
        return doc.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;
    }
}

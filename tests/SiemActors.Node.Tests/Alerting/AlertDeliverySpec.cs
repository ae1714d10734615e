using System.Text.Json;
using SiemActors.Actors.Alerting.Channels;
using SiemActors.Actors.Tests.Alerting.Channels;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Alerting;

/// <summary>Delivery through the real node to a real HTTP receiver standing in for Slack: retries, restarts, hostile text.</summary>
public sealed class AlertDeliverySpec
{
    [Fact]
    public async Task A_receiver_answering_500_then_429_then_200_gets_the_message_exactly_once_in_its_final_state()
    {
        const string ip = "45.142.212.71";
        await using var slack = await RecordingHttpReceiver.StartAsync(
            new ScriptedResponse(500, "internal_error"),
            ScriptedResponse.WithRetryAfter(429, "1", "rate_limited"),
            ScriptedResponse.Ok());
        await using var node = await TestNode.StartAsync(slackUrl: slack.Url("/services/T/B/retry"));

        await node.PostBatchAsync(AttackTraffic.BruteForce(ip, 20));
        var alert = (await node.AlertsOfAsync(ip, AttackTraffic.FullyDelivered, "alert delivered")).Single();

        Assert.Equal(3, slack.Requests.Count);
        var accepted = Assert.Single(slack.Accepted);
        Assert.Same(slack.Requests[^1], accepted);
        // The 429's Retry-After: 1 was honoured (the node's own backoff starts at 100 ms).
        Assert.True(accepted.ReceivedAt - slack.Requests[1].ReceivedAt >= TimeSpan.FromMilliseconds(950));
        // Every attempt was the same revision under the same idempotency key; the retries say they may be repeats.
        var key = $"{alert.GetProperty("id").GetString()}/r1";
        Assert.All(slack.Requests, r => Assert.Contains(key, r.Body, StringComparison.Ordinal));
        Assert.DoesNotContain("Possible repeat", slack.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("Possible repeat", accepted.Body, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("delivery_error").ValueKind);
        Assert.True(alert.GetProperty("deliveries").GetProperty("slack").GetProperty("delivered").GetBoolean());
    }

    [Fact]
    public async Task A_message_still_being_retried_when_the_node_stops_arrives_after_it_starts_again_marked_as_a_possible_repeat()
    {
        const string ip = "45.142.212.72";
        await using var slack = await RecordingHttpReceiver.StartAsync();
        slack.Fallback = new ScriptedResponse(500, "down");
        var hook = slack.Url("/services/T/B/restart");
        string dataDir;
        await using (var node = await TestNode.StartAsync(slackUrl: hook))
        {
            dataDir = node.DataDir;
            await node.PostBatchAsync(AttackTraffic.BruteForce(ip, 20));
            await Eventually.Async(() => Task.FromResult(slack.Requests.Count >= 2), TimeSpan.FromSeconds(30), "delivery being retried");
        }
        Assert.Empty(slack.Accepted);

        slack.Fallback = ScriptedResponse.Ok();
        await using var restarted = await TestNode.StartAsync(dataDir, hook);
        var alert = (await restarted.AlertsOfAsync(ip, AttackTraffic.FullyDelivered, "alert delivered after the restart")).Single();

        var accepted = Assert.Single(slack.Accepted);
        Assert.Contains(ip, accepted.Body, StringComparison.Ordinal);
        Assert.Contains("Possible repeat of an earlier delivery", accepted.Body, StringComparison.Ordinal);
        Assert.Contains($"{alert.GetProperty("id").GetString()}/r1", accepted.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_log_line_reaches_slack_as_inert_truncated_text()
    {
        const string ip = "45.142.212.73";
        await using var slack = await RecordingHttpReceiver.StartAsync();
        await using var node = await TestNode.StartAsync(slackUrl: slack.Url("/services/T/B/inert"));
        var hostile = ": <!channel> <http://evil|x> ```close the block``` `tick` " + new string('A', 10 * 1024);

        // Every line of the attack carries the payload, so whichever lines are sampled carry it too.
        var lines = Enumerable.Range(0, 20).Select(i => AttackTraffic.FailedLogin(i, ip, hostile)).ToList();
        var verdict = await node.AnalyzeAsync(lines[0], "sshd");
        Assert.Equal(ip, verdict.GetProperty("event").GetProperty("source.ip").GetString());
        await node.PostBatchAsync(lines.Skip(1));
        await node.AlertsOfAsync(ip, AttackTraffic.FullyDelivered, "alert delivered");

        var post = Assert.Single(slack.Accepted);
        Assert.DoesNotContain("<!channel>", post.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<http://evil", post.Body, StringComparison.Ordinal);
        Assert.True(post.Body.Length < 12_000, $"the message is {post.Body.Length} chars");
        using var doc = JsonDocument.Parse(post.Body);
        var texts = BlockKitTexts(doc.RootElement).ToList();
        Assert.Contains(texts, t => t.Contains("&lt;!channel&gt;", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("&lt;http://evil|x&gt;", StringComparison.Ordinal));
        var samples = texts.Single(t => t.StartsWith("*Sample lines*", StringComparison.Ordinal));
        // One code block: the log's backticks cannot close it early, and the 10 KB line was cut.
        Assert.Equal(2, CountOf(samples, "```"));
        Assert.Contains(SlackText.Ellipsis, samples);
        Assert.All(texts, t => Assert.True(t.Length <= SlackText.SectionTextLimit, $"a text of {t.Length} chars"));
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static IEnumerable<string> BlockKitTexts(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == "text" && p.Value.ValueKind == JsonValueKind.String) yield return p.Value.GetString()!;
                    foreach (var t in BlockKitTexts(p.Value)) yield return t;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    foreach (var t in BlockKitTexts(item)) yield return t;
                break;
        }
    }
}

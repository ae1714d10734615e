using System.Text.Json;
using SiemActors.Actors.Tests.Alerting.Channels;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Alerting;

/// <summary>The acceptance path: a brute force over HTTP becomes one alert, one Slack message, and survives a restart.</summary>
public sealed class AlertingSpec
{
    private static string Line(int second, string ip = "45.142.212.61") =>
        $"Jan 13 03:45:{second:00} server sshd[1234]: Failed password for admin from {ip} port 22 ssh2";

    [Fact]
    public async Task Twenty_failed_logins_in_a_minute_raise_one_alert_posted_once_to_slack_and_kept_across_a_restart()
    {
        await using var slack = await RecordingHttpReceiver.StartAsync();
        var hook = slack.Url("/services/T000/B000/XXXX");
        string dataDir;
        JsonElement last = default;
        await using (var node = await TestNode.StartAsync(slackUrl: hook))
        {
            dataDir = node.DataDir;
            for (var i = 0; i < 20; i++) last = await node.AnalyzeAsync(Line(10 + i));

            Assert.True(last.GetProperty("is_anomaly").GetBoolean());
            Assert.Contains(last.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("failed login", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(last.GetProperty("rules").EnumerateArray(), r => r.GetProperty("rule").GetString() == "brute_force");

            var alert = await Eventually.Async(async () =>
            {
                var list = await node.GetJsonAsync("/api/v1/alerts?entity=45.142.212.61");
                return list.GetProperty("alerts").EnumerateArray()
                    .Where(a => a.GetProperty("delivered_revision").GetInt32() >= 1)
                    .Select(a => (JsonElement?)a).FirstOrDefault() is { } a ? (object)a : null;
            }, TimeSpan.FromSeconds(30), "brute-force alert delivered");
            var a = (JsonElement)alert;
            Assert.Equal("brute_force", a.GetProperty("scenario").GetString());
            Assert.Equal("BLOCK_IP", a.GetProperty("recommended_action").GetString());

            // One grouped message, not one per failed login.
            var posts = slack.Requests.Where(r => r.PathAndQuery.StartsWith("/services/", StringComparison.Ordinal)).ToList();
            var post = Assert.Single(posts);
            Assert.Contains("45.142.212.61", post.Body);
            Assert.Contains("brute", post.Body, StringComparison.OrdinalIgnoreCase);
        }

        await using (var restarted = await TestNode.StartAsync(dataDir))
        {
            var kept = await Eventually.Async(async () =>
            {
                var list = await restarted.GetJsonAsync("/api/v1/alerts");
                return list.GetProperty("alerts").EnumerateArray()
                    .Any(x => x.GetProperty("entity").GetString() == "45.142.212.61" && x.GetProperty("scenario").GetString() == "brute_force")
                    ? "found" : null;
            }, TimeSpan.FromSeconds(30), "alert back after restart");
            Assert.Equal("found", kept);
        }
        Assert.Single(slack.Requests);
    }
}

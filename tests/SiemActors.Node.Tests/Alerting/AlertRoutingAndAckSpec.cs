using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SiemActors.Actors.Tests.Alerting.Channels;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Alerting;

/// <summary>Channels wired from configuration, routed by level; the alert API's filters and paging; acknowledging an alert.</summary>
public sealed class AlertRoutingAndAckSpec
{
    private const string First = "45.142.212.74", Second = "45.142.212.75";

    [Fact]
    public async Task Routes_pick_the_channels_and_an_ack_is_persisted_shown_and_resolves_pagerduty()
    {
        await using var receiver = await RecordingHttpReceiver.StartAsync();
        await using var node = await TestNode.StartAsync(slackUrl: receiver.Url("/slack/hook"), extraArgs:
        [
            $"--Siem:Alerts:Webhook:Url={receiver.Url("/webhook/in")}",
            "--Siem:Alerts:PagerDuty:RoutingKey=R0UTINGKEY0000000000000000000000",
            $"--Siem:Alerts:PagerDuty:Endpoint={receiver.Url("/pagerduty/v2/enqueue")}",
            "--Siem:Alerts:Routes:critical:0=webhook", "--Siem:Alerts:Routes:critical:1=pagerduty",
            "--Siem:Alerts:Routes:high:0=webhook", "--Siem:Alerts:Routes:high:1=pagerduty",
            "--Siem:Alerts:Routes:medium:0=slack",
            "--Siem:Alerts:PublicUrl=https://siem.example.org/",
        ]);

        await node.PostBatchAsync([.. AttackTraffic.BruteForce(First, 20), .. AttackTraffic.BruteForce(Second, 20, from: 30)]);
        var alert = (await node.AlertsOfAsync(First, a => AttackTraffic.FullyDelivered(a)
            && a.GetProperty("deliveries").EnumerateObject().Count() == 2, "alert delivered to both routed channels")).Single();
        await node.AlertsOfAsync(Second, AttackTraffic.FullyDelivered, "second alert delivered");
        var id = alert.GetProperty("id").GetString()!;

        // Routed: the webhook and PagerDuty, once each per alert; Slack (medium only) nothing.
        var webhook = receiver.Accepted.Where(r => r.PathAndQuery == "/webhook/in").ToList();
        var pages = receiver.Accepted.Where(r => r.PathAndQuery.StartsWith("/pagerduty/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, webhook.Count);
        Assert.Equal(2, pages.Count);
        Assert.DoesNotContain(receiver.Requests, r => r.PathAndQuery.StartsWith("/slack/", StringComparison.Ordinal));
        var sent = webhook.Select(r => JsonDocument.Parse(r.Body).RootElement).Single(p => p.GetProperty("alert_id").GetString() == id);
        Assert.Equal($"{id}/r1", webhook.Single(r => r.Body.Contains(id, StringComparison.Ordinal)).Headers["Idempotency-Key"]);
        var page = sent.GetProperty("alert_page_url").GetString()!;
        Assert.Equal($"https://siem.example.org/api/v1/alerts/{id}", page);
        var trigger = pages.Select(r => JsonDocument.Parse(r.Body).RootElement).Single(p => p.GetProperty("dedup_key").GetString() == id);
        Assert.Equal("trigger", trigger.GetProperty("event_action").GetString());

        // The linked resource exists on the node.
        var one = await node.GetJsonAsync(new Uri(page).AbsolutePath);
        Assert.Equal(id, one.GetProperty("id").GetString());
        Assert.False(one.GetProperty("acked").GetBoolean());

        // Filters and paging.
        var pageOne = await node.GetJsonAsync("/api/v1/alerts?scenario=brute_force&limit=1");
        Assert.Equal(2, pageOne.GetProperty("total").GetInt32());
        Assert.Equal(1, pageOne.GetProperty("next_offset").GetInt32());
        var pageTwo = await node.GetJsonAsync("/api/v1/alerts?scenario=brute_force&limit=1&offset=1");
        Assert.Equal(JsonValueKind.Null, pageTwo.GetProperty("next_offset").ValueKind);
        Assert.NotEqual(pageOne.GetProperty("alerts")[0].GetProperty("id").GetString(), pageTwo.GetProperty("alerts")[0].GetProperty("id").GetString());
        Assert.Equal(0, (await node.GetJsonAsync("/api/v1/alerts?scenario=port_scan")).GetProperty("total").GetInt32());
        var level = alert.GetProperty("risk_level").GetString();
        Assert.Contains((await node.GetJsonAsync($"/api/v1/alerts?level={level}")).GetProperty("alerts").EnumerateArray(),
            a => a.GetProperty("id").GetString() == id);

        // Bad requests say what was wrong; unknown ids are 404.
        await AssertProblem(node.Http.GetAsync("/api/v1/alerts?level=severe"), HttpStatusCode.BadRequest, "level");
        await AssertProblem(node.Http.GetAsync("/api/v1/alerts?acked=maybe"), HttpStatusCode.BadRequest, "acked");
        await AssertProblem(node.Http.GetAsync("/api/v1/alerts?offset=-1"), HttpStatusCode.BadRequest, "offset");
        await AssertProblem(node.Http.GetAsync("/api/v1/alerts/0000000000"), HttpStatusCode.NotFound, "0000000000");
        await AssertProblem(node.Http.PostAsJsonAsync("/api/v1/alerts/0000000000/ack", new { by = "alice" }), HttpStatusCode.NotFound, "0000000000");
        await AssertProblem(node.Http.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { note = "who?" }), HttpStatusCode.BadRequest, "by");
        await AssertProblem(node.Http.PostAsync($"/api/v1/alerts/{id}/ack", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "JSON");

        // Acknowledge: persisted on the alert entity, shown by the read side, and PagerDuty is resolved.
        using (var ack = await node.Http.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { by = "alice@example.org", note = "blocked at the edge" }))
        {
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
            var body = JsonDocument.Parse(await ack.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("alice@example.org", body.GetProperty("acked_by").GetString());
            Assert.False(body.GetProperty("already_acked").GetBoolean());
        }
        var acked = await Eventually.Async(async () =>
        {
            var a = await node.GetJsonAsync($"/api/v1/alerts/{id}");
            return a.GetProperty("acked").GetBoolean() ? (object)a : null;
        }, TimeSpan.FromSeconds(15), "ack visible in the read model");
        var shown = (JsonElement)acked;
        Assert.Equal("alice@example.org", shown.GetProperty("acked_by").GetString());
        Assert.Equal("blocked at the edge", shown.GetProperty("ack_note").GetString());
        Assert.True(shown.GetProperty("acked_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var ackedOnly = await node.GetJsonAsync("/api/v1/alerts?acked=true");
        Assert.Equal(id, Assert.Single(ackedOnly.GetProperty("alerts").EnumerateArray()).GetProperty("id").GetString());
        Assert.DoesNotContain((await node.GetJsonAsync("/api/v1/alerts?acked=false")).GetProperty("alerts").EnumerateArray(),
            a => a.GetProperty("id").GetString() == id);

        var resolve = await Eventually.Async(() => Task.FromResult(receiver.Accepted
            .Where(r => r.PathAndQuery.StartsWith("/pagerduty/", StringComparison.Ordinal))
            .Select(r => JsonDocument.Parse(r.Body).RootElement)
            .Select(p => (JsonElement?)p)
            .FirstOrDefault(p => p!.Value.GetProperty("event_action").GetString() == "resolve") is { } r ? (object)r : null),
            TimeSpan.FromSeconds(15), "PagerDuty resolve");
        Assert.Equal(id, ((JsonElement)resolve).GetProperty("dedup_key").GetString());

        // Acknowledging again changes nothing and says so.
        using var again = await node.Http.PostAsJsonAsync($"/api/v1/alerts/{id}/ack", new { by = "bob" });
        var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.True(second.GetProperty("already_acked").GetBoolean());
        Assert.Equal("alice@example.org", second.GetProperty("acked_by").GetString());
    }

    private static async Task AssertProblem(Task<HttpResponseMessage> call, HttpStatusCode status, string mentions)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mentions, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

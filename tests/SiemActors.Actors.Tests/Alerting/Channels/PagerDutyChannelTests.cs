using System.Text.Json;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Alerting.Channels;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting.Channels;

public sealed class PagerDutyChannelTests : IAsyncLifetime
{
    private const string RoutingKey = "R0UT1NGKEYsecret0123456789abcdef";
    private const string Accepted = """{"status":"success","message":"Event processed","dedup_key":"a-1"}""";
    private RecordingHttpReceiver _pagerDuty = null!;
    private readonly HttpClient _http = new();
    private readonly CapturingLogger _log = new();

    public async Task InitializeAsync()
    {
        _pagerDuty = await RecordingHttpReceiver.StartAsync();
        _pagerDuty.Fallback = new ScriptedResponse(202, Accepted);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _pagerDuty.DisposeAsync();
    }

    private PagerDutyChannel Channel() => new(_http, RoutingKey, _log, _pagerDuty.Url("v2/enqueue"));

    [Fact]
    public async Task Trigger_uses_the_alert_id_as_dedup_key()
    {
        var result = await Channel().DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None);

        Assert.IsType<DeliveryResult.Delivered>(result);
        var request = Assert.Single(_pagerDuty.Requests);
        Assert.Equal("/v2/enqueue", request.PathAndQuery);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(RoutingKey, body.GetProperty("routing_key").GetString());
        Assert.Equal("trigger", body.GetProperty("event_action").GetString());
        Assert.Equal("a-1", body.GetProperty("dedup_key").GetString());
        var payload = body.GetProperty("payload");
        Assert.Equal("critical", payload.GetProperty("severity").GetString());
        Assert.Equal("ip 45.142.212.61", payload.GetProperty("source").GetString());
        Assert.Contains("brute_force", payload.GetProperty("summary").GetString());
        Assert.Contains("BLOCK_IP", payload.GetProperty("summary").GetString());
        var details = payload.GetProperty("custom_details");
        Assert.Equal("a-1", details.GetProperty("alert_id").GetString());
        Assert.Equal(0.97, details.GetProperty("risk_score").GetDouble());
        Assert.Equal("https://siem.example/alerts/a-1", body.GetProperty("links")[0].GetProperty("href").GetString());
    }

    [Fact]
    public async Task Resolve_closes_the_incident_by_dedup_key()
    {
        var result = await Channel().ResolveAsync("a-1", CancellationToken.None);

        Assert.IsType<DeliveryResult.Delivered>(result);
        var body = JsonDocument.Parse(Assert.Single(_pagerDuty.Requests).Body).RootElement;
        Assert.Equal("resolve", body.GetProperty("event_action").GetString());
        Assert.Equal("a-1", body.GetProperty("dedup_key").GetString());
        Assert.Equal(RoutingKey, body.GetProperty("routing_key").GetString());
        Assert.False(body.TryGetProperty("payload", out _));
    }

    [Theory]
    [InlineData(RiskLevel.Critical, "critical")]
    [InlineData(RiskLevel.High, "error")]
    [InlineData(RiskLevel.Medium, "warning")]
    [InlineData(RiskLevel.Low, "info")]
    public void Severity_maps_from_the_risk_level(RiskLevel level, string expected) =>
        Assert.Equal(expected, PagerDutyChannel.Severity(level));

    [Fact]
    public async Task Rejections_are_permanent_throttling_transient_and_the_routing_key_is_never_logged()
    {
        _pagerDuty.Enqueue(
            new ScriptedResponse(400, $$"""{"status":"invalid event","message":"bad routing key {{RoutingKey}}"}"""),
            ScriptedResponse.WithRetryAfter(429, "2"));

        var rejected = Assert.IsType<DeliveryResult.Permanent>(await Channel().DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));
        var throttled = Assert.IsType<DeliveryResult.Transient>(await Channel().DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));

        Assert.Contains("400", rejected.Error);
        Assert.DoesNotContain(RoutingKey, rejected.Error);
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.RetryAfter);
        Assert.NotEmpty(_log.Entries);
        Assert.DoesNotContain(RoutingKey, _log.AllText);
    }

    [Fact]
    public void Default_endpoint_is_the_events_api_v2() =>
        Assert.Equal("https://events.pagerduty.com/v2/enqueue", PagerDutyChannel.DefaultEndpoint.AbsoluteUri);
}

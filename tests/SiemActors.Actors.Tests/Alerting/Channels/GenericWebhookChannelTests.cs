using System.Text.Json;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Alerting.Channels;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting.Channels;

public sealed class GenericWebhookChannelTests : IAsyncLifetime
{
    private RecordingHttpReceiver _receiver = null!;
    private readonly HttpClient _http = new();
    private readonly CapturingLogger _log = new();

    public async Task InitializeAsync() => _receiver = await RecordingHttpReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Posts_snake_case_json_with_an_idempotency_key()
    {
        var channel = new GenericWebhookChannel(_http, _receiver.Url("hooks/siem?token=s3cr3t"), _log);
        var result = await channel.DeliverAsync(TestAlerts.BruteForce(alertPageUrl: null), CancellationToken.None);

        Assert.IsType<DeliveryResult.Delivered>(result);
        Assert.Equal("webhook", channel.Name);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("a-1:r1", request.Headers["Idempotency-Key"]);
        Assert.StartsWith("application/json", request.ContentType);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("a-1", body.GetProperty("alert_id").GetString());
        Assert.Equal("a-1:r1", body.GetProperty("idempotency_key").GetString());
        Assert.Equal("critical", body.GetProperty("level").GetString());
        Assert.Equal("BLOCK_IP", body.GetProperty("action").GetString());
        Assert.Equal(0.97, body.GetProperty("risk_score").GetDouble());
        Assert.Equal(0.99, body.GetProperty("peak_risk_score").GetDouble());
        Assert.Equal(42, body.GetProperty("event_count").GetInt64());
        Assert.Equal(TestAlerts.FirstSeen, body.GetProperty("first_seen").GetDateTimeOffset());
        Assert.Equal(2, body.GetProperty("reasons").GetArrayLength());
        Assert.Equal(1, body.GetProperty("sample_lines").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("alert_page_url").ValueKind);
        Assert.False(body.GetProperty("is_update").GetBoolean());
    }

    [Fact]
    public async Task Failures_are_classified_and_the_url_is_not_logged()
    {
        _receiver.Enqueue(ScriptedResponse.WithRetryAfter(429, "7"), new ScriptedResponse(422, "unprocessable"));
        var channel = new GenericWebhookChannel(_http, _receiver.Url("hooks/siem?token=s3cr3t"), _log);

        var throttled = Assert.IsType<DeliveryResult.Transient>(await channel.DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));
        var rejected = Assert.IsType<DeliveryResult.Permanent>(await channel.DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), throttled.RetryAfter);
        Assert.Contains("422", rejected.Error);
        Assert.DoesNotContain("s3cr3t", _log.AllText);
    }
}

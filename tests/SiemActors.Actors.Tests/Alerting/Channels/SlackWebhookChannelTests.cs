using System.Net;
using System.Net.Sockets;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Alerting.Channels;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting.Channels;

public sealed class SlackWebhookChannelTests : IAsyncLifetime
{
    private const string SecretPath = "services/T0001/B0002/XyZsEcReTtOkEn123";
    private RecordingHttpReceiver _slack = null!;
    private readonly HttpClient _http = new();
    private readonly CapturingLogger _log = new();

    public async Task InitializeAsync() => _slack = await RecordingHttpReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackWebhookChannel Channel(HttpClient? http = null) => new(http ?? _http, _slack.Url(SecretPath), _log);

    [Fact]
    public async Task Posts_valid_block_kit_json_to_the_webhook()
    {
        var result = await Channel().DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None);

        Assert.IsType<DeliveryResult.Delivered>(result);
        var request = Assert.Single(_slack.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/" + SecretPath, request.PathAndQuery);
        Assert.StartsWith("application/json", request.ContentType);
        var message = BlockKitAssert.ValidMessage(request.Body);
        Assert.Equal("🔴 CRITICAL · ip 45.142.212.61 · brute_force", BlockKitAssert.HeaderText(message));
        Assert.Contains("*Recommended action*\nBLOCK_IP", BlockKitAssert.FieldTexts(message));
        Assert.Equal("slack", Channel().Name);
    }

    [Fact]
    public async Task Hostile_log_lines_arrive_inert_and_bounded()
    {
        var hostile = "<!channel> <http://evil|x> ```break out``` " + new string('A', 10 * 1024);
        var n = TestAlerts.BruteForce(samples: [hostile, hostile, hostile], reasons: [hostile], entityKey: "<@U123>", alertPageUrl: null);

        Assert.IsType<DeliveryResult.Delivered>(await Channel().DeliverAsync(n, CancellationToken.None));

        var body = Assert.Single(_slack.Requests).Body;
        Assert.True(body.Length < 16 * 1024, $"body is {body.Length} chars");
        var message = BlockKitAssert.ValidMessage(body);
        foreach (var text in BlockKitAssert.AllTexts(message))
        {
            Assert.DoesNotContain("<!", text);
            Assert.DoesNotContain("<http", text);
            Assert.DoesNotContain("<@", text);
        }
        var samples = BlockKitAssert.SectionTexts(message).Single(t => t.StartsWith("*Sample lines*", StringComparison.Ordinal));
        Assert.Equal(2, samples.Split("```").Length - 1);
        Assert.EndsWith("\n```", samples);
        Assert.Contains("&lt;!channel&gt;", samples);
        Assert.Contains("ˋˋˋbreak outˋˋˋ", samples);
    }

    [Fact]
    public async Task Scripted_failures_map_to_transient_then_delivered()
    {
        _slack.Enqueue(
            new ScriptedResponse(500, "rollup_error"),
            ScriptedResponse.WithRetryAfter(429, "1"),
            ScriptedResponse.Ok());
        var channel = Channel();

        var first = await channel.DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None);
        var second = await channel.DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None);
        var third = await channel.DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None);

        var error = Assert.IsType<DeliveryResult.Transient>(first);
        Assert.Contains("500", error.Error);
        Assert.Null(error.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.IsType<DeliveryResult.Transient>(second).RetryAfter);
        Assert.IsType<DeliveryResult.Delivered>(third);
        Assert.Equal(3, _slack.Requests.Count);
    }

    [Fact]
    public async Task Service_unavailable_passes_on_a_date_retry_after()
    {
        _slack.Enqueue(ScriptedResponse.WithRetryAfter(503, DateTimeOffset.UtcNow.AddSeconds(30).ToString("r")));
        var result = Assert.IsType<DeliveryResult.Transient>(await Channel().DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));
        Assert.InRange(result.RetryAfter!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
    }

    [Theory]
    [InlineData(400, "invalid_payload")]
    [InlineData(403, "action_prohibited")]
    [InlineData(404, "no_service")]
    [InlineData(410, "channel_is_archived")]
    public async Task Client_errors_are_permanent_with_status_and_body(int status, string body)
    {
        _slack.Enqueue(new ScriptedResponse(status, body));
        var result = Assert.IsType<DeliveryResult.Permanent>(await Channel().DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Error);
        Assert.Contains(body, result.Error);
    }

    [Fact]
    public async Task Request_timeout_status_is_transient()
    {
        _slack.Enqueue(new ScriptedResponse(408));
        Assert.IsType<DeliveryResult.Transient>(await Channel().DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));
    }

    [Fact]
    public async Task A_slow_receiver_is_a_transient_timeout()
    {
        _slack.Enqueue(new ScriptedResponse(200, Delay: TimeSpan.FromSeconds(10)));
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var result = Assert.IsType<DeliveryResult.Transient>(await Channel(impatient).DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));
        Assert.Contains("timed out", result.Error);
    }

    [Fact]
    public async Task A_closed_port_is_a_transient_network_error()
    {
        var channel = new SlackWebhookChannel(_http, new Uri($"http://127.0.0.1:{FreePort()}/{SecretPath}"), _log);
        var result = Assert.IsType<DeliveryResult.Transient>(await channel.DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));
        Assert.Contains("network error", result.Error);
        Assert.DoesNotContain("XyZsEcReT", result.Error);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_throws()
    {
        _slack.Enqueue(new ScriptedResponse(200, Delay: TimeSpan.FromSeconds(10)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Channel().DeliverAsync(TestAlerts.BruteForce(), cts.Token));
    }

    [Fact]
    public async Task The_webhook_url_never_reaches_logs_or_results()
    {
        _slack.Enqueue(
            new ScriptedResponse(500, "failed posting to /" + SecretPath),
            new ScriptedResponse(400, "bad hook " + _slack.Url(SecretPath)),
            ScriptedResponse.Ok());
        var channel = Channel();
        var results = new List<DeliveryResult>();
        for (var i = 0; i < 3; i++) results.Add(await channel.DeliverAsync(TestAlerts.BruteForce(), CancellationToken.None));

        Assert.NotEmpty(_log.Entries);
        Assert.DoesNotContain("XyZsEcReT", _log.AllText);
        Assert.DoesNotContain("T0001", _log.AllText);
        Assert.Contains(_log.Entries, e => e.Message.Contains("127.0.0.1", StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain("XyZsEcReT", r.ToString()));
        Assert.DoesNotContain("XyZsEcReT", channel.ToString());
    }

    [Fact]
    public void A_non_http_url_is_refused_without_echoing_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SlackWebhookChannel(_http, new Uri("ftp://hooks.example/" + SecretPath), _log));
        Assert.DoesNotContain("XyZsEcReT", ex.Message);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

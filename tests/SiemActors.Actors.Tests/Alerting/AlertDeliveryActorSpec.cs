using Akka.Actor;
using System.Collections.Concurrent;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Alerting.Channels;
using SiemActors.Actors.Tests.Alerting.Channels;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting;

public sealed class AlertDeliveryActorSpec : TestKit
{
    private static readonly AlertOptions FastRetries = new()
    {
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Retries_a_real_receiver_through_500_and_429_until_it_accepts_exactly_once()
    {
        await using var slack = await RecordingHttpReceiver.StartAsync(
            new ScriptedResponse(500, "boom"),
            ScriptedResponse.WithRetryAfter(429, "1"),
            ScriptedResponse.Ok());
        using var http = new HttpClient();
        var channel = new SlackWebhookChannel(http, slack.Url("/hooks/test"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var region = CreateTestProbe();
        var actor = Sys.ActorOf(AlertDeliveryActor.Props([channel], FastRetries, () => region.Ref));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        actor.Tell(new DeliverAlert("ip:45.142.212.61", TestAlerts.BruteForce()));

        var ended = region.ExpectMsg<AlertDeliveryEnded>(TimeSpan.FromSeconds(15));
        Assert.True(ended.Delivered);
        Assert.Equal(3, slack.Requests.Count);
        // Backoff here is at most 200 ms a retry: only honouring the 429's Retry-After: 1 makes it last a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"finished after {clock.Elapsed}");
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_permanent_refusal_ends_without_retrying_and_says_why()
    {
        var channel = new ScriptedChannel(new DeliveryResult.Permanent("HTTP 404: no_service"));
        var region = CreateTestProbe();
        var actor = Sys.ActorOf(AlertDeliveryActor.Props([channel], FastRetries, () => region.Ref));

        actor.Tell(new DeliverAlert("ip:1.2.3.4", TestAlerts.BruteForce()));

        var ended = region.ExpectMsg<AlertDeliveryEnded>();
        Assert.False(ended.Delivered);
        Assert.Contains("no_service", ended.Error);
        Assert.Single(channel.Seen);
    }

    [Fact]
    public void Retries_after_a_failed_attempt_are_marked_as_possible_repeats()
    {
        var channel = new ScriptedChannel(new DeliveryResult.Transient("timeout", null), new DeliveryResult.Delivered());
        var region = CreateTestProbe();
        var actor = Sys.ActorOf(AlertDeliveryActor.Props([channel], FastRetries, () => region.Ref));

        actor.Tell(new DeliverAlert("ip:1.2.3.4", TestAlerts.BruteForce()));

        Assert.True(region.ExpectMsg<AlertDeliveryEnded>().Delivered);
        Assert.Equal([false, true], channel.Seen.Select(n => n.IsRepeat));
    }

    private sealed class ScriptedChannel(params DeliveryResult[] results) : IAlertChannel
    {
        private readonly Queue<DeliveryResult> _results = new(results);
        public ConcurrentQueue<AlertNotification> Seen { get; } = new();
        public string Name => "scripted";

        public Task<DeliveryResult> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
        {
            Seen.Enqueue(notification);
            lock (_results) return Task.FromResult(_results.Count > 1 ? _results.Dequeue() : _results.Peek());
        }
    }
}

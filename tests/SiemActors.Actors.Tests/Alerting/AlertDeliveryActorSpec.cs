using Akka.Actor;
using System.Collections.Concurrent;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Alerting.Channels;
using SiemActors.Actors.Tests.Alerting.Channels;
using SiemActors.Actors.Tests.Support;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting;

public sealed class AlertDeliveryActorSpec : SiemTestKit
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
    public async Task A_storm_of_new_incidents_reaches_a_real_receiver_a_few_at_a_time_and_every_one_arrives()
    {
        await using var slack = await RecordingHttpReceiver.StartAsync();
        slack.Fallback = ScriptedResponse.Ok() with { Delay = TimeSpan.FromMilliseconds(150) };
        using var http = new HttpClient();
        var channel = new SlackWebhookChannel(http, slack.Url("/hooks/storm"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var region = CreateTestProbe();
        var options = new AlertOptions { RetryBaseDelay = FastRetries.RetryBaseDelay, RetryMaxDelay = FastRetries.RetryMaxDelay, MaxConcurrentDeliveries = 3 };
        var actor = Sys.ActorOf(AlertDeliveryActor.Props([channel], options, () => region.Ref));

        const int incidents = 12;
        for (var i = 0; i < incidents; i++)
            actor.Tell(new DeliverAlert($"ip:10.0.0.{i}", TestAlerts.BruteForce() with { AlertId = $"a-{i}", IdempotencyKey = $"a-{i}:r1" }));

        var ended = region.ReceiveN(incidents, TimeSpan.FromSeconds(20)).Cast<AlertDeliveryEnded>().ToList();
        Assert.All(ended, e => Assert.True(e.Delivered));
        Assert.Equal(Enumerable.Range(0, incidents).Select(i => $"a-{i}").Order(), ended.Select(e => e.AlertId).Order());
        Assert.Equal(incidents, slack.Accepted.Count);
        // Never more than three at once, and not one at a time either: each answer takes 150 ms.
        Assert.InRange(slack.MaxInFlight, 2, 3);
    }

    [Fact]
    public void Fewer_than_one_delivery_at_a_time_is_refused_at_start()
    {
        var channel = new ScriptedChannel(new DeliveryResult.Delivered());
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            AlertDeliveryActor.Props([channel], new AlertOptions { MaxConcurrentDeliveries = 0 }, () => ActorRefs.Nobody));
        Assert.Contains("Siem:Alerts:MaxConcurrentDeliveries", error.Message);
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

    [Fact]
    public async Task A_channel_that_keeps_failing_neither_delays_nor_repeats_another()
    {
        await using var slack = await RecordingHttpReceiver.StartAsync();
        slack.Fallback = new ScriptedResponse(500, "down");
        await using var hook = await RecordingHttpReceiver.StartAsync();
        using var http = new HttpClient();
        var log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        IAlertChannel[] channels = [new SlackWebhookChannel(http, slack.Url("/hooks/s"), log), new GenericWebhookChannel(http, hook.Url("/hooks/w"), log)];
        var region = CreateTestProbe();
        var actor = Sys.ActorOf(AlertDeliveryActor.Props(channels, FastRetries, () => region.Ref));

        actor.Tell(new DeliverAlert("ip:45.142.212.61", TestAlerts.BruteForce()));

        var webhook = region.ExpectMsg<AlertDeliveryEnded>(TimeSpan.FromSeconds(10));
        Assert.Equal("webhook", webhook.Channel);
        Assert.True(webhook.Delivered);
        await AwaitAssertAsync(() => Assert.True(slack.Requests.Count >= 3), TimeSpan.FromSeconds(10));
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // slack is still being retried, and says nothing yet

        slack.Fallback = ScriptedResponse.Ok();
        var ended = region.ExpectMsg<AlertDeliveryEnded>(TimeSpan.FromSeconds(10));
        Assert.Equal("slack", ended.Channel);
        Assert.True(ended.Delivered);
        Assert.Single(hook.Requests);
        Assert.Equal("a-1:r1", hook.Requests[0].Headers[GenericWebhookChannel.IdempotencyKeyHeader]);
    }

    [Fact]
    public void A_newer_revision_supersedes_one_still_being_retried_on_the_same_channel()
    {
        var channel = new RevisionChannel(failRevision: 1);
        var region = CreateTestProbe();
        var actor = Sys.ActorOf(AlertDeliveryActor.Props([channel], FastRetries, () => region.Ref));

        actor.Tell(new DeliverAlert("ip:1.2.3.4", TestAlerts.BruteForce()));
        AwaitCondition(() => channel.Seen.Count >= 2, TimeSpan.FromSeconds(5));
        actor.Tell(new DeliverAlert("ip:1.2.3.4", TestAlerts.BruteForce() with { Revision = 2, IdempotencyKey = "a-1:r2" }));

        var ended = region.ExpectMsg<AlertDeliveryEnded>(TimeSpan.FromSeconds(5));
        Assert.Equal(2, ended.Revision);
        Assert.True(ended.Delivered);
        var seen = channel.Seen.Count;
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // revision 1 is abandoned, not reported, not retried
        Assert.Equal(seen, channel.Seen.Count);
    }

    [Fact]
    public async Task A_resolve_goes_to_pagerduty_as_a_resolve_event_with_the_alert_id_as_dedup_key()
    {
        await using var pagerDuty = await RecordingHttpReceiver.StartAsync(new ScriptedResponse(502, "bad gateway"));
        using var http = new HttpClient();
        var channel = new PagerDutyChannel(http, "routing-key-secret", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, pagerDuty.Url("/v2/enqueue"));
        var region = CreateTestProbe();
        var actor = Sys.ActorOf(AlertDeliveryActor.Props([channel], FastRetries, () => region.Ref));

        actor.Tell(new ResolveAlert("ip:45.142.212.61", "a-1", ["pagerduty"]));

        var ended = region.ExpectMsg<AlertResolveEnded>(TimeSpan.FromSeconds(10));
        Assert.True(ended.Delivered);
        Assert.Equal("pagerduty", ended.Channel);
        Assert.Equal(2, pagerDuty.Requests.Count);
        using var body = System.Text.Json.JsonDocument.Parse(pagerDuty.Requests[^1].Body);
        Assert.Equal("resolve", body.RootElement.GetProperty("event_action").GetString());
        Assert.Equal("a-1", body.RootElement.GetProperty("dedup_key").GetString());
    }

    [Fact]
    public void A_resolve_on_a_channel_that_cannot_resolve_ends_at_once_so_it_is_not_owed_forever()
    {
        var region = CreateTestProbe();
        var actor = Sys.ActorOf(AlertDeliveryActor.Props([new ScriptedChannel(new DeliveryResult.Delivered())], FastRetries, () => region.Ref));
        actor.Tell(new ResolveAlert("ip:1.2.3.4", "a-1", ["scripted"]));
        Assert.False(region.ExpectMsg<AlertResolveEnded>().Delivered);
    }

    private sealed class RevisionChannel(int failRevision) : IAlertChannel
    {
        public ConcurrentQueue<AlertNotification> Seen { get; } = new();
        public string Name => "revisions";

        public Task<DeliveryResult> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
        {
            Seen.Enqueue(notification);
            return Task.FromResult<DeliveryResult>(notification.Revision == failRevision
                ? new DeliveryResult.Transient("down for this revision", null)
                : new DeliveryResult.Delivered());
        }
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

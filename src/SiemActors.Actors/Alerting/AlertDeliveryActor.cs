using Akka.Actor;
using Akka.Event;
using Polly;
using Polly.Retry;

namespace SiemActors.Actors.Alerting;

/// <summary>
/// Delivers incident revisions to the configured channels, one attempt pipeline per revision, retrying
/// transient failures with exponential backoff and jitter and honouring the receiver's Retry-After.
/// It retries until delivered or permanently refused; the alert entity has persisted the revision
/// before asking, so a node that dies mid-retry resumes after restart.
/// </summary>
public sealed class AlertDeliveryActor : ReceiveActor
{
    private readonly IReadOnlyList<IAlertChannel> _channels;
    private readonly Func<IActorRef> _alertRegion;
    private readonly ResiliencePipeline<DeliveryResult> _pipeline;
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public AlertDeliveryActor(IReadOnlyList<IAlertChannel> channels, AlertOptions options, Func<IActorRef> alertRegion)
    {
        _channels = channels;
        _alertRegion = alertRegion;
        _pipeline = BuildPipeline(options);

        Receive<DeliverAlert>(Start);
        Receive<Finished>(f =>
        {
            _inFlight.Remove(f.Ended.AlertId + "/" + f.Ended.Revision);
            _alertRegion().Tell(f.Ended);
        });
    }

    public static Props Props(IReadOnlyList<IAlertChannel> channels, AlertOptions options, Func<IActorRef> alertRegion) =>
        Akka.Actor.Props.Create(() => new AlertDeliveryActor(channels, options, alertRegion));

    protected override void PostStop() => _stopping.Cancel();

    private void Start(DeliverAlert m)
    {
        var n = m.Notification;
        // A revision already being retried here needs no second pipeline (e.g. resumed after a passivation).
        if (!_inFlight.Add(n.AlertId + "/" + n.Revision)) return;
        DeliverAsync(m).PipeTo(Self);
    }

    private async Task<Finished> DeliverAsync(DeliverAlert m)
    {
        var errors = new List<string>();
        foreach (var channel in _channels)
        {
            var attempt = 0;
            var result = await _pipeline.ExecuteAsync(async ct =>
            {
                // After a failed attempt the reader may still have got the message: say so in the retry.
                var n = attempt++ == 0 ? m.Notification : m.Notification with { IsRepeat = true };
                return await channel.DeliverAsync(n, ct).ConfigureAwait(false);
            }, _stopping.Token).ConfigureAwait(false);
            Telemetry.SiemMetrics.AlertDelivery(channel.Name, result is DeliveryResult.Delivered);
            if (result is not DeliveryResult.Delivered) errors.Add($"{channel.Name}: {Describe(result)}");
        }
        return new Finished(new AlertDeliveryEnded(m.EntityId, m.Notification.AlertId, m.Notification.Revision,
            errors.Count == 0, errors.Count == 0 ? null : string.Join("; ", errors)));
    }

    private static string Describe(DeliveryResult r) => r switch
    {
        DeliveryResult.Permanent p => p.Error,
        DeliveryResult.Transient t => t.Error,
        _ => r.GetType().Name,
    };

    private ResiliencePipeline<DeliveryResult> BuildPipeline(AlertOptions options) =>
        new ResiliencePipelineBuilder<DeliveryResult>()
            .AddRetry(new RetryStrategyOptions<DeliveryResult>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Result is DeliveryResult.Transient
                    || args.Outcome.Exception is { } ex && ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is DeliveryResult.Transient { RetryAfter: { } after } ? (TimeSpan?)after : null),
                OnRetry = args =>
                {
                    _log.Warning("Alert delivery attempt {0} failed ({1}); retrying in {2}",
                        args.AttemptNumber + 1, args.Outcome.Result is { } r ? Describe(r) : args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private sealed record Finished(AlertDeliveryEnded Ended);
}

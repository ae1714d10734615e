using Akka.Actor;
using Akka.Event;
using Polly;
using Polly.Retry;

namespace SiemActors.Actors.Alerting;

/// <summary>
/// Delivers incident revisions to channels: one independent pipeline per alert and channel, retrying transient
/// failures with exponential backoff and jitter and honouring the receiver's Retry-After, so a channel that is down
/// neither delays nor repeats the others. Each channel's outcome goes back to the alert entity on its own, which
/// persists it. A newer revision of an alert supersedes one still being retried on the same channel (it carries the
/// whole current state); a resolve (after an ack or close) supersedes both. The alert entity has persisted each
/// revision before asking, so a node that dies mid-retry resumes after restart. Each channel has at most
/// <see cref="AlertOptions.MaxConcurrentDeliveries"/> attempts in flight; in an alert storm the rest wait their turn.
/// </summary>
public sealed class AlertDeliveryActor : ReceiveActor
{
    private readonly Dictionary<string, Channel> _channels = new(StringComparer.OrdinalIgnoreCase);
    private readonly AlertRouting _routing;
    private readonly Func<IActorRef> _alertRegion;
    private readonly ResiliencePipeline<DeliveryResult> _pipeline;
    private readonly Dictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _sequence;

    public AlertDeliveryActor(IReadOnlyList<IAlertChannel> channels, AlertOptions options, Func<IActorRef> alertRegion, AlertRouting routing)
    {
        foreach (var channel in channels) _channels.TryAdd(channel.Name, new Channel(channel, new SemaphoreSlim(options.MaxConcurrentDeliveries)));
        _routing = routing;
        _alertRegion = alertRegion;
        _pipeline = BuildPipeline(options);

        Receive<DeliverAlert>(Start);
        Receive<ResolveAlert>(Resolve);
        Receive<Finished>(f =>
        {
            if (_inFlight.TryGetValue(f.Key, out var current) && current.Id == f.Id) _inFlight.Remove(f.Key);
            f.Cancellation.Dispose();
            if (f.Reply is not null) _alertRegion().Tell(f.Reply);
        });
    }

    /// <param name="routing">Null: every channel gets every level (what a <see cref="DeliverAlert"/> without channels then means).</param>
    public static Props Props(IReadOnlyList<IAlertChannel> channels, AlertOptions options, Func<IActorRef> alertRegion, AlertRouting? routing = null)
    {
        // Here, not in the constructor: the node builds these props at start, so a bad setting stops the start.
        if (options.MaxConcurrentDeliveries < 1)
            throw new ArgumentOutOfRangeException(nameof(options), $"Siem:Alerts:MaxConcurrentDeliveries must be at least 1, not {options.MaxConcurrentDeliveries}");
        var effective = routing ?? new AlertRouting(channels.Select(c => (c.Name, c is IResolvableAlertChannel)), EveryLevel(channels));
        return Akka.Actor.Props.Create(() => new AlertDeliveryActor(channels, options, alertRegion, effective));
    }

    protected override void PostStop() => _stopping.Cancel();

    private void Start(DeliverAlert m)
    {
        var n = m.Notification;
        foreach (var name in m.Channels ?? _routing.ChannelsFor(n.Level))
        {
            var key = DeliveryKey(n.AlertId, name);
            if (_inFlight.TryGetValue(key, out var current))
            {
                // Already being retried (e.g. resumed after a passivation), or a newer revision is: nothing to add.
                if (current.Revision >= n.Revision) continue;
                current.Cancellation.Cancel(); // superseded: the newer revision carries the whole current state
            }
            if (!_channels.TryGetValue(name, out var channel))
            {
                // Configuration changed since the revision was recorded: say so once rather than resume forever.
                _alertRegion().Tell(new AlertDeliveryEnded(m.EntityId, n.AlertId, n.Revision, false, $"channel '{name}' is not configured on this node", name));
                continue;
            }
            var run = Track(key, n.Revision);
            DeliverAsync(run, m, channel.Sink, channel.Turns).PipeTo(Self);
        }
    }

    private void Resolve(ResolveAlert m)
    {
        foreach (var name in m.Channels)
        {
            // The operator acknowledged it, or it closed: a trigger still being retried would only reopen it.
            if (_inFlight.TryGetValue(DeliveryKey(m.AlertId, name), out var trigger)) trigger.Cancellation.Cancel();
            var key = "resolve|" + m.AlertId + "|" + name;
            if (_inFlight.ContainsKey(key)) continue;
            if (!_channels.TryGetValue(name, out var channel) || channel.Sink is not IResolvableAlertChannel resolvable)
            {
                _alertRegion().Tell(new AlertResolveEnded(m.EntityId, m.AlertId, name, false, $"channel '{name}' cannot resolve incidents on this node"));
                continue;
            }
            var run = Track(key, 0);
            ResolveAsync(run, m, resolvable, channel.Turns).PipeTo(Self);
        }
    }

    private InFlight Track(string key, int revision)
    {
        var run = new InFlight(key, ++_sequence, revision, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        _inFlight[key] = run;
        return run;
    }

    private async Task<Finished> DeliverAsync(InFlight run, DeliverAlert m, IAlertChannel channel, SemaphoreSlim turns)
    {
        var attempt = 0;
        var result = await RunAsync(run, turns, ct =>
        {
            // After a failed attempt the reader may still have got the message: say so in the retry.
            var n = attempt++ == 0 ? m.Notification : m.Notification with { IsRepeat = true };
            return channel.DeliverAsync(n, ct);
        }).ConfigureAwait(false);
        if (result is null) return new Finished(run.Key, run.Id, run.Cancellation, null);
        Telemetry.SiemMetrics.AlertDelivery(channel.Name, result is DeliveryResult.Delivered);
        var n = m.Notification;
        return new Finished(run.Key, run.Id, run.Cancellation,
            new AlertDeliveryEnded(m.EntityId, n.AlertId, n.Revision, result is DeliveryResult.Delivered, Describe(result), channel.Name));
    }

    private async Task<Finished> ResolveAsync(InFlight run, ResolveAlert m, IResolvableAlertChannel channel, SemaphoreSlim turns)
    {
        var result = await RunAsync(run, turns, ct => channel.ResolveAsync(m.AlertId, ct)).ConfigureAwait(false);
        return new Finished(run.Key, run.Id, run.Cancellation, result is null
            ? null
            : new AlertResolveEnded(m.EntityId, m.AlertId, channel.Name, result is DeliveryResult.Delivered, Describe(result)));
    }

    /// <summary>
    /// The final result after retries; null when superseded or stopping (nothing to report). Each attempt waits for one
    /// of the channel's <paramref name="turns"/> and gives it back when answered, before any backoff.
    /// </summary>
    private async Task<DeliveryResult?> RunAsync(InFlight run, SemaphoreSlim turns, Func<CancellationToken, Task<DeliveryResult>> attempt)
    {
        var token = run.Cancellation.Token;
        try
        {
            return await _pipeline.ExecuteAsync(async ct =>
            {
                await turns.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    return await attempt(ct).ConfigureAwait(false);
                }
                finally
                {
                    turns.Release();
                }
            }, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string? Describe(DeliveryResult r) => r switch
    {
        DeliveryResult.Delivered => null,
        DeliveryResult.Permanent p => p.Error,
        DeliveryResult.Transient t => t.Error,
        _ => r.GetType().Name,
    };

    private static string DeliveryKey(string alertId, string channel) => "deliver|" + alertId + "|" + channel.ToLowerInvariant();

    private static Dictionary<string, List<string>> EveryLevel(IReadOnlyList<IAlertChannel> channels)
    {
        var names = channels.Select(c => c.Name).ToList();
        return new Dictionary<string, List<string>> { ["low"] = names, ["medium"] = names, ["high"] = names, ["critical"] = names };
    }

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

    /// <summary>A configured channel and the turns its attempts take (<see cref="AlertOptions.MaxConcurrentDeliveries"/>).</summary>
    private sealed record Channel(IAlertChannel Sink, SemaphoreSlim Turns);

    private sealed record InFlight(string Key, long Id, int Revision, CancellationTokenSource Cancellation);

    private sealed record Finished(string Key, long Id, CancellationTokenSource Cancellation, object? Reply);
}

using System.Collections.Concurrent;
using SiemActors.Actors.Alerting;

namespace SiemActors.Node.Evaluation;

/// <summary>The evaluation's alert channel: keeps every notification the alert actors deliver, in memory.</summary>
public sealed class RecordingAlertChannel : IAlertChannel
{
    private readonly ConcurrentQueue<AlertNotification> _received = new();

    public string Name => "eval";

    public int Count => _received.Count;

    public IReadOnlyList<AlertNotification> Received => [.. _received];

    public Task<DeliveryResult> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        _received.Enqueue(notification);
        return Task.FromResult<DeliveryResult>(new DeliveryResult.Delivered());
    }
}

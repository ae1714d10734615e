using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Alerting;

/// <summary>What a channel is asked to deliver: one incident in its current state.</summary>
/// <param name="IdempotencyKey">Stable per incident and revision, so a retried post is recognisable as a repeat.</param>
/// <param name="IsUpdate">False for the first post of an incident; true for a folded update or an escalation.</param>
/// <param name="IsRepeat">True when an earlier attempt of this very revision may have reached the reader.</param>
public sealed record AlertNotification(
    string AlertId,
    string IdempotencyKey,
    int Revision,
    bool IsUpdate,
    bool IsRepeat,
    string EntityType,
    string EntityKey,
    string Scenario,
    RiskLevel Level,
    double RiskScore,
    double PeakRiskScore,
    RecommendedAction Action,
    IReadOnlyList<string> Reasons,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long EventCount,
    IReadOnlyList<string> SampleLines,
    string? AlertPageUrl);

/// <summary>Outcome of one delivery attempt, so the caller decides retry and backoff.</summary>
public abstract record DeliveryResult
{
    private DeliveryResult() { }
    public sealed record Delivered : DeliveryResult;
    /// <summary>Worth trying again; <paramref name="RetryAfter"/> is the receiver's own hint (HTTP 429/503 Retry-After).</summary>
    public sealed record Transient(string Error, TimeSpan? RetryAfter) : DeliveryResult;
    /// <summary>Will not succeed by retrying (bad URL, 4xx other than 408/429).</summary>
    public sealed record Permanent(string Error) : DeliveryResult;
}

/// <summary>A destination for alerts: Slack, a generic webhook, PagerDuty, the console.</summary>
public interface IAlertChannel
{
    string Name { get; }
    Task<DeliveryResult> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken);
}

/// <summary>A channel that can close what it raised (PagerDuty): used when an incident is acknowledged or closed.</summary>
public interface IResolvableAlertChannel : IAlertChannel
{
    /// <summary>Resolves the incident raised for <paramref name="alertId"/>; one attempt, like <see cref="IAlertChannel.DeliverAsync"/>.</summary>
    Task<DeliveryResult> ResolveAsync(string alertId, CancellationToken cancellationToken);
}

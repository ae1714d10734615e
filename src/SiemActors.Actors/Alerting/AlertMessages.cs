using Akka.Actor;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Serialization;
using SiemActors.Domain.Events;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Alerting;

/// <summary>A verdict at or above the alert threshold, on its way to the alert entity of the entity it is about.</summary>
public sealed record AlertCandidate(
    string EntityId,
    string EntityType,
    string EntityKey,
    string Scenario,
    double RiskScore,
    RiskLevel Level,
    RecommendedAction Action,
    IReadOnlyList<string> Reasons,
    DateTimeOffset EventTime,
    string? SampleLine,
    string? UserName = null) : IEntityMessage, ISiemMessage
{
    public static AlertCandidate From(LogEvent ev, Verdict verdict)
    {
        var (type, key) = ev switch
        {
            { SourceIp: { } ip } => ("ip", ip),
            { UserName: { } user } => ("user", user),
            { HostName: { } host } => ("host", host),
            _ => ("source", ev.Source.ToName()),
        };
        RuleHit? top = null;
        foreach (var hit in verdict.Rules)
            if (top is null || hit.Severity > top.Severity) top = hit;
        return new AlertCandidate(
            $"{type}:{key}", type, key, top?.Rule ?? AlertEntityActor.AnomalyScenario, verdict.RiskScore, verdict.Level, verdict.Action,
            verdict.Reasons, ev.Timestamp, ev.Original ?? ev.Message, ev.UserName);
    }
}

/// <summary>
/// Ask the local delivery actor to deliver one revision of an incident to <paramref name="Channels"/> (null: every
/// channel routed for its level); it answers the alert entity <paramref name="EntityId"/> through the alert region,
/// once per channel.
/// </summary>
public sealed record DeliverAlert(string EntityId, AlertNotification Notification, IReadOnlyList<string>? Channels = null);

/// <summary>
/// The delivery of one revision to <paramref name="Channel"/> ended (delivered, or given up as permanent failure).
/// A null channel (events written before per-channel delivery) stands for every channel.
/// </summary>
public sealed record AlertDeliveryEnded(string EntityId, string AlertId, int Revision, bool Delivered, string? Error, string? Channel = null)
    : IEntityMessage, ISiemMessage;

/// <summary>Ask the local delivery actor to resolve an acknowledged or closed incident on the channels that can (PagerDuty).</summary>
public sealed record ResolveAlert(string EntityId, string AlertId, IReadOnlyList<string> Channels);

/// <summary>The resolve of an incident on one channel ended.</summary>
public sealed record AlertResolveEnded(string EntityId, string AlertId, string Channel, bool Delivered, string? Error) : IEntityMessage, ISiemMessage;

/// <summary>An operator acknowledges incident <paramref name="AlertId"/> of alert entity <paramref name="EntityId"/>; answered with <see cref="IncidentAckResult"/>.</summary>
public sealed record AcknowledgeIncident(string EntityId, string AlertId, string By, string? Note) : IEntityMessage, ISiemMessage;

public enum AckOutcome { Acknowledged, AlreadyAcknowledged, NotFound }

/// <summary>The answer to <see cref="AcknowledgeIncident"/>: the acknowledgement now in force, if any.</summary>
public sealed record IncidentAckResult(string AlertId, AckOutcome Outcome, IncidentAcknowledged? Ack) : ISiemMessage;

/// <summary>Starts an alert entity so that it recovers and resumes the deliveries it owes; nothing else.</summary>
public sealed record ResumeDeliveries(string EntityId) : IEntityMessage, ISiemMessage;

/// <summary>
/// An incident revision whose write to the journal failed (the entity stopped, as a persistent actor does then), sent
/// back through the alert region to the restarted entity to record and deliver again. <paramref name="Attempt"/> counts
/// the failed writes, for the back-off.
/// </summary>
public sealed record RetryIncident(string EntityId, IncidentState State, bool Deliver, int Attempt) : IEntityMessage, ISiemMessage;

/// <summary>Internal tick of an alert entity: persist folded counts, post a due update.</summary>
internal sealed record FlushIncidents
{
    public static readonly FlushIncidents Instance = new();
}

/// <summary>Query of the alert index behind <c>GET /api/v1/alerts</c>: every filter that is set must hold; newest first, then paged.</summary>
public sealed record QueryAlerts(
    DateTimeOffset? Since, string? Entity, double? MinRisk, int Limit,
    string? Scenario = null, RiskLevel? Level = null, bool? Acked = null, int Offset = 0);

/// <summary>One alert of the index by id; answered with <see cref="AlertFound"/>.</summary>
public sealed record GetAlert(string AlertId);

public sealed record AlertFound(AlertRecord? Record);

public sealed record AlertList(IReadOnlyList<AlertRecord> Alerts, int Total);

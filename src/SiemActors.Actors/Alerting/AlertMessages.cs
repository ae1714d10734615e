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
    string? SampleLine) : IEntityMessage, ISiemMessage
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
            verdict.Reasons, ev.Timestamp, ev.Original ?? ev.Message);
    }
}

/// <summary>Ask the local delivery actor to deliver one revision of an incident; it answers the alert entity <paramref name="EntityId"/> through the alert region.</summary>
public sealed record DeliverAlert(string EntityId, AlertNotification Notification);

/// <summary>The delivery of one revision ended (delivered, or given up as permanent failure).</summary>
public sealed record AlertDeliveryEnded(string EntityId, string AlertId, int Revision, bool Delivered, string? Error) : IEntityMessage, ISiemMessage;

/// <summary>Internal tick of an alert entity: persist folded counts, post a due update.</summary>
internal sealed record FlushIncidents
{
    public static readonly FlushIncidents Instance = new();
}

/// <summary>Query of the alert index behind <c>GET /api/v1/alerts</c>.</summary>
public sealed record QueryAlerts(DateTimeOffset? Since, string? Entity, double? MinRisk, int Limit);

public sealed record AlertList(IReadOnlyList<AlertRecord> Alerts, int Total);

using SiemActors.Actors.Serialization;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Alerting;

/// <summary>
/// One incident: every alert-worthy verdict about one entity in one scenario, folded together.
/// <see cref="Revision"/> counts the versions that were (or are to be) posted to channels.
/// </summary>
public sealed record IncidentState(
    string AlertId,
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
    int Revision,
    RiskLevel PostedLevel,
    long PostedEventCount)
{
    public const int MaxSamples = 3;

    public static IncidentState Open(AlertCandidate c) => new(
        AlertId: AlertIds.For(c.EntityType, c.EntityKey, c.Scenario, c.EventTime),
        c.EntityType, c.EntityKey, c.Scenario, c.Level, c.RiskScore, c.RiskScore, c.Action, c.Reasons,
        c.EventTime, c.EventTime, 1, c.SampleLine is null ? [] : [c.SampleLine],
        Revision: 1, PostedLevel: c.Level, PostedEventCount: 1);

    /// <summary>Folds one more verdict in: counts, time span, peak; the latest verdict's reasons and action win.</summary>
    public IncidentState Fold(AlertCandidate c)
    {
        var samples = SampleLines;
        if (c.SampleLine is not null && samples.Count < MaxSamples) samples = [.. samples, c.SampleLine];
        var escalated = c.Level > Level;
        return this with
        {
            Level = escalated ? c.Level : Level,
            RiskScore = c.RiskScore,
            PeakRiskScore = Math.Max(PeakRiskScore, c.RiskScore),
            Action = escalated || c.Action != RecommendedAction.Allow ? c.Action : Action,
            Reasons = c.Reasons.Count > 0 ? c.Reasons : Reasons,
            FirstSeen = c.EventTime < FirstSeen ? c.EventTime : FirstSeen,
            LastSeen = c.EventTime > LastSeen ? c.EventTime : LastSeen,
            EventCount = EventCount + 1,
            SampleLines = samples,
        };
    }

    public AlertNotification ToNotification(bool isRepeat, string? alertPageBaseUrl) => new(
        AlertId, $"{AlertId}/r{Revision}", Revision, IsUpdate: Revision > 1, isRepeat, EntityType, EntityKey, Scenario,
        Level, RiskScore, PeakRiskScore, Action, Reasons, FirstSeen, LastSeen, EventCount, SampleLines,
        alertPageBaseUrl is null ? null : $"{alertPageBaseUrl.TrimEnd('/')}/alerts/{Uri.EscapeDataString(AlertId)}");
}

/// <summary>Persisted: the incident as it now stands; <paramref name="Deliver"/> says a new revision awaits delivery.</summary>
public sealed record IncidentRecorded(IncidentState State, bool Deliver) : ISiemMessage;

/// <summary>Persisted: delivery of a revision ended.</summary>
public sealed record IncidentDelivered(string AlertId, int Revision, bool Delivered, string? Error) : ISiemMessage;

/// <summary>What the alert list shows: the incident and how far its delivery got.</summary>
public sealed record AlertRecord(IncidentState Incident, int DeliveredRevision, string? DeliveryError) : ISiemMessage;

public static class AlertIds
{
    /// <summary>Stable for the same entity, scenario and first event, so a replay of the same log reopens the same id.</summary>
    public static string For(string entityType, string entityKey, string scenario, DateTimeOffset firstSeen)
    {
        var text = $"{entityType}|{entityKey}|{scenario}|{firstSeen.ToUnixTimeMilliseconds()}";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 10));
    }
}

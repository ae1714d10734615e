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
    /// <summary>Sample lines are kept to this many chars: every revision persists them, and a log line may be 64 KiB.</summary>
    public const int MaxSampleLength = 2048;

    public static IncidentState Open(AlertCandidate c) => new(
        AlertId: AlertIds.For(c.EntityType, c.EntityKey, c.Scenario, c.EventTime),
        c.EntityType, c.EntityKey, c.Scenario, c.Level, c.RiskScore, c.RiskScore, c.Action, c.Reasons,
        c.EventTime, c.EventTime, 1, c.SampleLine is null ? [] : [Sample(c.SampleLine)],
        Revision: 1, PostedLevel: c.Level, PostedEventCount: 1);

    /// <summary>Folds one more verdict in: counts, time span, peak; the latest verdict's reasons and action win.</summary>
    public IncidentState Fold(AlertCandidate c)
    {
        var samples = SampleLines;
        if (c.SampleLine is not null && samples.Count < MaxSamples) samples = [.. samples, Sample(c.SampleLine)];
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

    private static string Sample(string line) => Channels.SlackText.Truncate(line, MaxSampleLength);

    public AlertNotification ToNotification(bool isRepeat, string? alertPageBaseUrl) => new(
        AlertId, $"{AlertId}/r{Revision}", Revision, IsUpdate: Revision > 1, isRepeat, EntityType, EntityKey, Scenario,
        Level, RiskScore, PeakRiskScore, Action, Reasons, FirstSeen, LastSeen, EventCount, SampleLines,
        alertPageBaseUrl is null ? null : $"{alertPageBaseUrl.TrimEnd('/')}{AlertPagePath}{Uri.EscapeDataString(AlertId)}");

    /// <summary>
    /// Where the node shows one alert, under <see cref="AlertOptions.PublicUrl"/>: the API's alert resource
    /// (<c>GET /api/v1/alerts/{id}</c>), until a dashboard serves an HTML page for it.
    /// </summary>
    public const string AlertPagePath = "/api/v1/alerts/";
}

/// <summary>Persisted: the incident as it now stands; <paramref name="Deliver"/> says a new revision awaits delivery.</summary>
public sealed record IncidentRecorded(IncidentState State, bool Deliver) : ISiemMessage;

/// <summary>Persisted: delivery of a revision to <paramref name="Channel"/> ended; null (older events): to every channel.</summary>
public sealed record IncidentDelivered(string AlertId, int Revision, bool Delivered, string? Error, string? Channel = null) : ISiemMessage;

/// <summary>
/// Persisted: an operator acknowledged the incident at <paramref name="Level"/>. It posts no more updates until it
/// escalates past that level (or a new incident opens), and channels that can resolve (PagerDuty) are resolved.
/// </summary>
public sealed record IncidentAcknowledged(string AlertId, string By, DateTimeOffset At, string? Note, RiskLevel Level) : ISiemMessage;

/// <summary>Persisted: the resolve of an acknowledged or closed incident on <paramref name="Channel"/> ended.</summary>
public sealed record IncidentResolved(string AlertId, string Channel, bool Delivered, string? Error) : ISiemMessage;

/// <summary>
/// Persisted on flush (never per verdict): <paramref name="Count"/> candidates of one scenario about this entity were
/// dropped by the allow-list rule <paramref name="Rule"/> (<c>ip</c>, <c>network</c>, <c>user</c>) between the two times.
/// </summary>
public sealed record AlertsSuppressed(string Scenario, string Rule, long Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen) : ISiemMessage;

/// <summary>Delivery of one channel: the newest revision whose delivery ended there, and its error when it failed.</summary>
public sealed record ChannelDelivery(int Revision, bool Delivered, string? Error);

/// <summary>What the alert list shows: the incident, how far its delivery got, and its acknowledgement.</summary>
/// <param name="EntityId">The alert entity that owns the incident (e.g. <c>ip:45.142.212.61</c>): where an ack goes.</param>
public sealed record AlertRecord(
    IncidentState Incident,
    int DeliveredRevision,
    string? DeliveryError,
    string? EntityId = null,
    IncidentAcknowledged? Ack = null,
    IReadOnlyDictionary<string, ChannelDelivery>? Channels = null) : ISiemMessage
{
    /// <summary>Acknowledged and not escalated since.</summary>
    public bool IsAcked => Ack is { } a && Incident.Level <= a.Level;
}

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

using System.Text.Json.Serialization;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>
/// <see cref="AlertNotification"/> as it goes on the wire (snake_case, levels and actions as the analyze
/// endpoint writes them): the generic webhook body and PagerDuty's custom_details.
/// </summary>
public sealed record AlertWebhookPayload(
    string AlertId,
    string IdempotencyKey,
    int Revision,
    bool IsUpdate,
    bool IsRepeat,
    string EntityType,
    string EntityKey,
    string Scenario,
    string Level,
    double RiskScore,
    double PeakRiskScore,
    string Action,
    IReadOnlyList<string> Reasons,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long EventCount,
    IReadOnlyList<string> SampleLines,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? AlertPageUrl)
{
    /// <param name="maxSampleLineLength">Cut each sample line to this many chars; null keeps them whole.</param>
    public static AlertWebhookPayload From(AlertNotification n, int? maxSampleLineLength = null)
    {
        ArgumentNullException.ThrowIfNull(n);
        var samples = maxSampleLineLength is { } max
            ? n.SampleLines.Select(l => SlackText.Truncate(l, max)).ToList()
            : n.SampleLines;
        return new(n.AlertId, n.IdempotencyKey, n.Revision, n.IsUpdate, n.IsRepeat, n.EntityType, n.EntityKey, n.Scenario,
            n.Level.ToWire(), n.RiskScore, n.PeakRiskScore, n.Action.ToWire(), n.Reasons, n.FirstSeen.ToUniversalTime(),
            n.LastSeen.ToUniversalTime(), n.EventCount, samples, n.AlertPageUrl);
    }
}

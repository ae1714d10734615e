namespace SiemActors.Actors.Alerting.Channels;

/// <summary>A PagerDuty Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/overview/).</summary>
/// <param name="EventAction"><c>trigger</c>, <c>acknowledge</c> or <c>resolve</c>.</param>
/// <param name="DedupKey">Groups triggers of one incident and names the one a resolve closes.</param>
public sealed record PagerDutyEvent(
    string RoutingKey,
    string EventAction,
    string DedupKey,
    PagerDutyPayload? Payload = null,
    IReadOnlyList<PagerDutyLink>? Links = null,
    string? Client = null,
    string? ClientUrl = null);

/// <param name="Severity"><c>critical</c>, <c>error</c>, <c>warning</c> or <c>info</c>.</param>
public sealed record PagerDutyPayload(
    string Summary,
    string Source,
    string Severity,
    DateTimeOffset? Timestamp,
    string? Component,
    string? Group,
    string? Class,
    AlertWebhookPayload? CustomDetails);

public sealed record PagerDutyLink(string Href, string Text);

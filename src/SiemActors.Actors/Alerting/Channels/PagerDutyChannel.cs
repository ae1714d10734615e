using System.Text.Json;
using Microsoft.Extensions.Logging;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>
/// Raises and resolves PagerDuty incidents through the Events API v2. The incident's
/// <see cref="AlertNotification.AlertId"/> is the dedup_key, so updates of one alert fold into one
/// incident and <see cref="ResolveAsync"/> closes it. The routing key is a secret and is never logged.
/// </summary>
public sealed class PagerDutyChannel : IResolvableAlertChannel
{
    public static readonly Uri DefaultEndpoint = new("https://events.pagerduty.com/v2/enqueue");
    private const int SummaryLimit = 1024;
    private const int SourceLimit = 255;
    private const int SampleLineLimit = 1000;

    private readonly HttpChannelSender _sender;
    private readonly string _routingKey;

    public PagerDutyChannel(HttpClient http, string routingKey, ILogger logger, Uri? endpoint = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routingKey);
        _routingKey = routingKey.Trim();
        _sender = new HttpChannelSender(http, endpoint ?? DefaultEndpoint, Name, logger, time: null, _routingKey);
    }

    public string Name => "pagerduty";

    public Task<DeliveryResult> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return SendAsync(Trigger(notification), notification.AlertId, cancellationToken);
    }

    /// <summary>Resolves the incident that <see cref="DeliverAsync"/> opened for <paramref name="alertId"/>.</summary>
    public Task<DeliveryResult> ResolveAsync(string alertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alertId);
        return SendAsync(new PagerDutyEvent(_routingKey, "resolve", alertId), alertId, cancellationToken);
    }

    /// <summary>PagerDuty's four severities; a high-risk alert pages as an error, not as critical.</summary>
    public static string Severity(RiskLevel level) => level switch
    {
        RiskLevel.Critical => "critical",
        RiskLevel.High => "error",
        RiskLevel.Medium => "warning",
        _ => "info",
    };

    internal PagerDutyEvent Trigger(AlertNotification n)
    {
        var entity = $"{SlackText.SingleLine(n.EntityType)} {SlackText.SingleLine(n.EntityKey)}";
        var summary = $"{AlertFormatting.Label(n.Level)} {SlackText.SingleLine(n.Scenario)} on {entity}: "
                      + $"risk {AlertFormatting.Score(n.RiskScore)}, recommended {n.Action.ToWire()}";
        var page = AlertFormatting.PageUri(n.AlertPageUrl)?.AbsoluteUri;
        var payload = new PagerDutyPayload(
            Summary: SlackText.Truncate(summary, SummaryLimit),
            Source: SlackText.Truncate(entity, SourceLimit),
            Severity: Severity(n.Level),
            Timestamp: n.LastSeen.ToUniversalTime(),
            Component: SlackText.Truncate(SlackText.SingleLine(n.EntityType), SourceLimit),
            Group: SlackText.Truncate(SlackText.SingleLine(n.Scenario), SourceLimit),
            Class: SlackText.Truncate(SlackText.SingleLine(n.Scenario), SourceLimit),
            CustomDetails: AlertWebhookPayload.From(n, SampleLineLimit));
        return new PagerDutyEvent(
            _routingKey, "trigger", n.AlertId, payload,
            Links: page is null ? null : [new PagerDutyLink(page, "Alert page")],
            Client: "SiemActors",
            ClientUrl: page);
    }

    private Task<DeliveryResult> SendAsync(PagerDutyEvent ev, string alertId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(ev, ChannelJsonContext.Default.PagerDutyEvent);
        return _sender.PostAsync(body, alertId, headers: null, cancellationToken);
    }

    public override string ToString() => $"pagerduty at {_sender.Host}";
}

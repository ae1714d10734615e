using Microsoft.Extensions.Logging;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>
/// Posts alerts to a Slack incoming webhook as Block Kit messages (<see cref="SlackMessageBuilder"/>).
/// One attempt per call; the webhook URL is a secret and is never logged or returned, only its host.
/// </summary>
public sealed class SlackWebhookChannel : IAlertChannel
{
    private readonly HttpChannelSender _sender;

    public SlackWebhookChannel(HttpClient http, Uri webhookUrl, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        _sender = new HttpChannelSender(http, webhookUrl, Name, logger);
    }

    public string Name => "slack";

    /// <summary>The webhook's host, safe to show in diagnostics.</summary>
    public string Host => _sender.Host;

    public Task<DeliveryResult> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = SlackMessageBuilder.Build(notification).ToJsonUtf8Bytes();
        return _sender.PostAsync(body, notification.AlertId, headers: null, cancellationToken);
    }

    public override string ToString() => $"slack webhook at {Host}";
}

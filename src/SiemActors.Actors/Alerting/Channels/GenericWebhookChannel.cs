using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>
/// Posts each alert as snake_case JSON (<see cref="AlertWebhookPayload"/>) with an <c>Idempotency-Key</c>
/// header, so a receiver can drop the repeats that retries produce. One attempt per call.
/// </summary>
public sealed class GenericWebhookChannel : IAlertChannel
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private readonly HttpChannelSender _sender;

    public GenericWebhookChannel(HttpClient http, Uri url, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(url);
        _sender = new HttpChannelSender(http, url, Name, logger);
    }

    public string Name => "webhook";

    public Task<DeliveryResult> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var body = JsonSerializer.SerializeToUtf8Bytes(AlertWebhookPayload.From(notification), ChannelJsonContext.Default.AlertWebhookPayload);
        var headers = new Dictionary<string, string> { [IdempotencyKeyHeader] = SlackText.SingleLine(notification.IdempotencyKey) };
        return _sender.PostAsync(body, notification.AlertId, headers, cancellationToken);
    }

    public override string ToString() => $"webhook at {_sender.Host}";
}

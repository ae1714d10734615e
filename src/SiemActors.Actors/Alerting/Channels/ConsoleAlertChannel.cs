using System.Text;
using Microsoft.Extensions.Logging;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>
/// Writes alerts to the log at Warning, readable on a terminal: the channel used when no Slack URL is
/// configured. Log-derived text is made single-line and stripped of control characters (ANSI escapes,
/// CR/LF), so a log line cannot forge extra log entries or repaint the terminal.
/// </summary>
public sealed partial class ConsoleAlertChannel : IAlertChannel
{
    private const int MaxReasons = 5;
    private const int MaxSampleLines = 3;
    private const int LineLimit = 300;
    private readonly ILogger _logger;

    public ConsoleAlertChannel(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    public string Name => "console";

    public Task<DeliveryResult> DeliverAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        cancellationToken.ThrowIfCancellationRequested();
        var n = notification;
        Alert(_logger,
            AlertFormatting.Emoji(n.Level),
            n.IsUpdate ? "update " : "",
            AlertFormatting.Label(n.Level),
            Clean(n.EntityType),
            Clean(n.EntityKey),
            Clean(n.Scenario),
            n.RiskScore,
            n.Action.ToWire(),
            n.AlertId,
            n.Revision,
            Details(n));
        return Task.FromResult<DeliveryResult>(new DeliveryResult.Delivered());
    }

    /// <summary>The lines under the headline, each starting with a newline and an indent.</summary>
    internal static string Details(AlertNotification n)
    {
        var sb = new StringBuilder();
        sb.Append("\n  risk ").Append(AlertFormatting.Score(n.RiskScore)).Append(" (").Append(n.Level.ToWire())
          .Append("), peak ").Append(AlertFormatting.Score(n.PeakRiskScore))
          .Append(", recommended action ").Append(n.Action.ToWire());
        sb.Append("\n  first seen ").Append(AlertFormatting.Utc(n.FirstSeen))
          .Append(", last seen ").Append(AlertFormatting.Utc(n.LastSeen))
          .Append(", ").Append(AlertFormatting.Count(n.EventCount)).Append(n.EventCount == 1 ? " event" : " events");
        if (n.Reasons.Count > 0)
        {
            sb.Append("\n  reasons:");
            foreach (var reason in n.Reasons.Take(MaxReasons)) sb.Append("\n    - ").Append(Clean(reason));
            if (n.Reasons.Count > MaxReasons) sb.Append("\n    … and ").Append(n.Reasons.Count - MaxReasons).Append(" more");
        }
        if (n.SampleLines.Count > 0)
        {
            sb.Append("\n  sample lines:");
            foreach (var line in n.SampleLines.Take(MaxSampleLines)) sb.Append("\n    | ").Append(SlackText.Truncate(SlackText.LogLine(line), LineLimit));
        }
        if (AlertFormatting.PageUri(n.AlertPageUrl) is { } page) sb.Append("\n  alert page: ").Append(page.AbsoluteUri);
        if (n.IsRepeat) sb.Append("\n  possible repeat of an earlier delivery");
        sb.Append("\n  idempotency key ").Append(Clean(n.IdempotencyKey));
        return sb.ToString();
    }

    private static string Clean(string? text) => SlackText.Truncate(SlackText.SingleLine(text), LineLimit);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Warning,
        Message = "{Emoji} ALERT {Update}{Level} · {EntityType} {EntityKey} · {Scenario} · risk {RiskScore:0.00} → {Action} (alert {AlertId}, revision {Revision}){Details}")]
    private static partial void Alert(ILogger logger, string emoji, string update, string level, string entityType, string entityKey,
        string scenario, double riskScore, string action, string alertId, int revision, string details);
}

using Microsoft.Extensions.Logging;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>What the channels log. Destinations appear by host only: a webhook URL or routing key is a secret.</summary>
internal static partial class ChannelLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Debug, Message = "{Channel} delivered alert {AlertId} to {Host}")]
    public static partial void Delivered(ILogger logger, string channel, string alertId, string host);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "{Channel} could not deliver alert {AlertId} to {Host}, worth retrying ({RetryHint}): {Error}")]
    public static partial void Transient(ILogger logger, string channel, string alertId, string host, string retryHint, string error);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning,
        Message = "{Channel} could not deliver alert {AlertId} to {Host}, retrying will not help: {Error}")]
    public static partial void Permanent(ILogger logger, string channel, string alertId, string host, string error);
}

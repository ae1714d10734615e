using System.Globalization;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>How every human-facing channel words the same facts, so Slack and the console read alike.</summary>
internal static class AlertFormatting
{
    public static string Emoji(RiskLevel level) => level switch
    {
        RiskLevel.Critical => "🔴",
        RiskLevel.High => "🟠",
        RiskLevel.Medium => "🟡",
        _ => "🔵",
    };

    public static string Label(RiskLevel level) => level.ToWire().ToUpperInvariant();

    public static string Score(double score) => score.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>UTC ISO 8601 to the second: <c>2025-03-01T12:34:56Z</c>.</summary>
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>An absolute http(s) URL, or null: an alert page link is only offered when it can be opened.</summary>
    public static Uri? PageUri(string? alertPageUrl) =>
        Uri.TryCreate(alertPageUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;
}

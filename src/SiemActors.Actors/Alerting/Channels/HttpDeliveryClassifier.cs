using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>
/// Maps one HTTP answer to a <see cref="DeliveryResult"/>: 2xx delivered; 408, 429 and 5xx worth retrying
/// (with the receiver's Retry-After); any other status will not get better by retrying.
/// </summary>
public static class HttpDeliveryClassifier
{
    public const int BodySnippetLength = 300;

    public static DeliveryResult Classify(HttpStatusCode status, string? reasonPhrase, HttpResponseHeaders headers, string? body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var code = (int)status;
        if (code is >= 200 and <= 299) return new DeliveryResult.Delivered();
        var error = Describe(code, reasonPhrase, body);
        if (code is 408 or 429 or >= 500) return new DeliveryResult.Transient(error, RetryAfter(headers, now));
        return new DeliveryResult.Permanent(error);
    }

    /// <summary>The Retry-After hint as a delay from <paramref name="now"/>: delta-seconds or an HTTP date; null when absent or unreadable.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.RetryAfter is { } typed)
        {
            if (typed.Delta is { } delta) return NonNegative(delta);
            if (typed.Date is { } date) return NonNegative(date - now);
        }
        // A value the typed parser rejected (e.g. "1.5") still carries a usable hint.
        return headers.NonValidated.TryGetValues("Retry-After", out var raw)
            ? ParseRetryAfter(raw.ToString(), now)
            : null;
    }

    /// <summary>Parses a Retry-After value: seconds (integral or not) or an RFC 1123 date.</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds < TimeSpan.MaxValue.TotalSeconds)
            return NonNegative(TimeSpan.FromSeconds(seconds));
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            return NonNegative(date - now);
        return null;
    }

    private static string Describe(int code, string? reasonPhrase, string? body)
    {
        var reason = string.IsNullOrWhiteSpace(reasonPhrase) ? "" : " " + SlackText.SingleLine(reasonPhrase);
        var snippet = SlackText.Truncate(SlackText.SingleLine(body), BodySnippetLength);
        return snippet.Length == 0 ? $"HTTP {code}{reason}" : $"HTTP {code}{reason}: {snippet}";
    }

    private static TimeSpan NonNegative(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
}

using SiemActors.Domain.Events;

namespace SiemActors.Domain.Features;

/// <summary>Features that depend on the event alone (time, URL, user agent, user name), no history.</summary>
public static class EventFeatures
{
    public static void Fill(LogEvent ev, Span<float> f)
    {
        // The event's own clock time: hour and weekday where it was logged.
        var local = ev.Timestamp.DateTime;
        var hour = local.Hour;
        var day = local.DayOfWeek;
        f[FeatureNames.Hour] = hour;
        f[FeatureNames.DayOfWeek] = (int)day;
        var weekend = day is DayOfWeek.Saturday or DayOfWeek.Sunday;
        f[FeatureNames.IsWeekend] = weekend ? 1 : 0;
        f[FeatureNames.IsBusinessHours] = !weekend && hour is >= 8 and < 18 ? 1 : 0;
        f[FeatureNames.Bytes] = ev.HttpBytes ?? 0;
        f[FeatureNames.RequestEntropy] = ev.UrlOriginal is { } url ? (float)ShannonEntropy(url) : 0;
        f[FeatureNames.IsPrivilegedUser] = PrivilegedUsers.IsPrivilegedName(ev.UserName) ? 1 : 0;
        f[FeatureNames.IsSensitiveEndpoint] = SensitiveEndpoints.IsSensitive(ev.UrlOriginal) ? 1 : 0;
        f[FeatureNames.IsSuspiciousUserAgent] = SuspiciousUserAgents.IsSuspicious(ev) ? 1 : 0;
    }

    /// <summary>Bits per character of the string: random-looking payloads and encoded probes score high.</summary>
    public static double ShannonEntropy(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return 0;
        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in s)
        {
            if (c < 128) counts[c]++;
            else other++;
        }
        // H = log2(n) - (1/n) * sum(k * log2 k): one log per distinct character, no division inside the loop.
        double sum = 0, n = s.Length;
        foreach (var k in counts)
            if (k > 1) sum += k * Math.Log2(k);
        if (other > 1) sum += other * Math.Log2(other);
        return Math.Max(0, Math.Log2(n) - sum / n);
    }
}

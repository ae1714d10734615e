using SiemActors.Domain.Events;

namespace SiemActors.Domain.Features;

/// <summary>Features that depend on the event alone (time, URL, user agent, user name), no history.</summary>
public static class EventFeatures
{
    public static void Fill(LogEvent ev, Span<float> f)
    {
        var t = ev.Timestamp;
        f[FeatureNames.Hour] = t.Hour;
        f[FeatureNames.DayOfWeek] = (int)t.DayOfWeek;
        var weekend = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        f[FeatureNames.IsWeekend] = weekend ? 1 : 0;
        f[FeatureNames.IsBusinessHours] = !weekend && t.Hour is >= 8 and < 18 ? 1 : 0;
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
        double h = 0, n = s.Length;
        foreach (var k in counts)
            if (k > 0) h -= k / n * Math.Log2(k / n);
        if (other > 0) h -= other / n * Math.Log2(other / n);
        return h;
    }
}

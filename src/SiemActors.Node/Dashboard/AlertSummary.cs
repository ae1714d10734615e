using SiemActors.Actors.Alerting;
using SiemActors.Domain.Risk;

namespace SiemActors.Node.Dashboard;

/// <summary>
/// What the dashboard charts, folded from the alert index's incidents: counts per level and scenario, risk over
/// event time, and the IPs with the most serious incidents. Pure, so it can be tested without actors.
/// </summary>
public static class AlertSummary
{
    /// <summary>Bucket widths the timeline may use: the smallest that fits the range in the bucket count wins.</summary>
    private static readonly TimeSpan[] BucketWidths =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1),
    ];

    /// <summary>The timeline ends at the newest incident and looks back at most this far (one stray old log line would flatten it).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(7);

    /// <summary>A timeline has at least this many points (fewer when asked): one burst still shows as a spike in context.</summary>
    public const int MinBuckets = 30;

    public static StatsResponse Of(IReadOnlyList<AlertRecord> alerts, int total, int buckets, int top) => new(
        total,
        alerts.GroupBy(a => a.Incident.Level.ToWire()).ToDictionary(g => g.Key, g => g.Count()),
        alerts.GroupBy(a => a.Incident.Scenario).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
        Timeline(alerts, buckets),
        TopIps(alerts, top),
        []);

    public static RiskTimeline Timeline(IReadOnlyList<AlertRecord> alerts, int maxBuckets)
    {
        if (alerts.Count == 0) return new RiskTimeline(60, []);
        var newest = alerts.Max(a => a.Incident.LastSeen);
        var oldest = alerts.Min(a => a.Incident.FirstSeen);
        if (newest - oldest > MaxRange) oldest = newest - MaxRange;
        var width = BucketWidths.FirstOrDefault(w => (newest - oldest).Ticks / w.Ticks < maxBuckets, BucketWidths[^1]);
        var start = Floor(oldest, width);
        var count = (int)((newest - start).Ticks / width.Ticks) + 1;
        var padding = Math.Max(0, Math.Min(MinBuckets, maxBuckets) - count);
        start -= width * padding;
        count += padding;
        var points = new RiskPoint[count];
        for (var i = 0; i < count; i++) points[i] = new RiskPoint(start + width * i, 0, 0, 0);

        foreach (var a in alerts)
        {
            var i = a.Incident;
            if (i.LastSeen < start) continue;
            var first = Math.Max(0, (int)((i.FirstSeen - start).Ticks / width.Ticks));
            var last = (int)((i.LastSeen - start).Ticks / width.Ticks);
            for (var b = first; b <= last; b++)
            {
                var p = points[b];
                points[b] = p with
                {
                    Active = p.Active + 1,
                    Opened = p.Opened + (i.FirstSeen >= p.Start && b == first ? 1 : 0),
                    MaxRisk = Math.Max(p.MaxRisk, Math.Round(i.PeakRiskScore, 4)),
                };
            }
        }
        return new RiskTimeline((int)width.TotalSeconds, points);
    }

    public static IReadOnlyList<AttackerRow> TopIps(IReadOnlyList<AlertRecord> alerts, int top) =>
        alerts.Where(a => a.Incident.EntityType == "ip")
            .GroupBy(a => a.Incident.EntityKey, StringComparer.Ordinal)
            .Select(g => new AttackerRow(
                g.Key,
                g.Count(),
                g.Sum(a => a.Incident.EventCount),
                Math.Round(g.Max(a => a.Incident.PeakRiskScore), 4),
                g.Max(a => a.Incident.Level).ToWire(),
                g.Max(a => a.Incident.LastSeen),
                g.Select(a => a.Incident.Scenario).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(r => r.PeakRisk).ThenByDescending(r => r.Events).ThenBy(r => r.Ip, StringComparer.Ordinal)
            .Take(top)
            .ToList();

    private static DateTimeOffset Floor(DateTimeOffset t, TimeSpan width) =>
        new(t.UtcTicks - t.UtcTicks % width.Ticks, TimeSpan.Zero);
}

using SiemActors.Actors.Alerting;
using SiemActors.Actors.Entities;

namespace SiemActors.Node.Dashboard;

/// <summary>
/// The users the attacking IPs went after: most incidents are about an IP (the event named one), so the users come
/// from those IPs' profiles (users tried), plus incidents about a user itself.
/// </summary>
public static class TargetedUsers
{
    public static IReadOnlyList<TargetRow> Of(IEnumerable<IpProfile> attackers, IReadOnlyList<AlertRecord> alerts, int top)
    {
        var rows = new Dictionary<string, TargetRow>(StringComparer.Ordinal);
        foreach (var profile in attackers)
        foreach (var tried in profile.UsersTried)
        {
            var row = rows.GetValueOrDefault(tried.Value) ?? new TargetRow(tried.Value, 0, 0, 0, null);
            rows[tried.Value] = row with { Attempts = row.Attempts + tried.Count, Ips = row.Ips + 1, LastSeen = Later(row.LastSeen, tried.LastSeen) };
        }
        foreach (var alert in alerts.Where(a => a.Incident.EntityType == "user"))
        {
            var i = alert.Incident;
            var row = rows.GetValueOrDefault(i.EntityKey) ?? new TargetRow(i.EntityKey, 0, 0, 0, null);
            rows[i.EntityKey] = row with { Attempts = row.Attempts + i.EventCount, Incidents = row.Incidents + 1, LastSeen = Later(row.LastSeen, i.LastSeen) };
        }
        return rows.Values
            .OrderByDescending(r => r.Attempts).ThenByDescending(r => r.Ips).ThenBy(r => r.User, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}

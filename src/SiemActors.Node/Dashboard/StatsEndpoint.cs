using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Hosting;
using SiemActors.Node.Http;

namespace SiemActors.Node.Dashboard;

/// <summary>
/// <c>GET /api/v1/stats?buckets=&amp;top=</c>: the dashboard's aggregates. Incidents come from the alert index (the
/// same <see cref="QueryAlerts"/> as <c>/alerts</c>); the countries and users tried of the top attacking IPs come from
/// their profiles in the IP region.
/// </summary>
public static class StatsEndpoint
{
    public const int MaxBuckets = 240, MaxTop = 50;
    private static readonly TimeSpan IndexTimeout = TimeSpan.FromSeconds(10), ProfileTimeout = TimeSpan.FromSeconds(3);

    public static async Task<IResult> Handle(HttpContext context, IRequiredActor<AlertIndex> index, IRequiredActor<IpRegion> ips)
    {
        var q = context.Request.Query;
        if (!TryInt(q["buckets"], 60, 2, MaxBuckets, out var buckets))
            return Problems.BadRequest($"'buckets' must be a whole number from 2 to {MaxBuckets}, got '{q["buckets"]}'");
        if (!TryInt(q["top"], 10, 1, MaxTop, out var top))
            return Problems.BadRequest($"'top' must be a whole number from 1 to {MaxTop}, got '{q["top"]}'");

        var ct = context.RequestAborted;
        var list = await (await index.GetAsync(ct)).Ask<AlertList>(
            new QueryAlerts(null, null, null, AlertIndexActor.Capacity), IndexTimeout, ct);
        var stats = AlertSummary.Of(list.Alerts, list.Total, buckets, top);

        var region = await ips.GetAsync(ct);
        var profiles = await Task.WhenAll(stats.TopIps.Select(row => Profile(region, row.Ip, ct)));
        return Results.Json(stats with
        {
            TopIps = stats.TopIps.Select((row, i) => row with { Country = profiles[i]?.Country ?? "unknown" }).ToList(),
            TargetedUsers = TargetedUsers.Of(profiles.OfType<IpProfile>(), list.Alerts, top),
        }, NodeJson.Options);
    }

    /// <returns>The profile, or null when its shard does not answer in time (the dashboard shows the rest).</returns>
    private static async Task<IpProfile?> Profile(IActorRef region, string ip, CancellationToken ct)
    {
        try
        {
            return await region.Ask<IpProfile>(new GetIpProfile(ip), ProfileTimeout, ct);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (string.IsNullOrEmpty(text)) return true;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}

using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using SiemActors.Actors.Hosting;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SiemActors.Node.Http;

/// <summary><c>GET /api/v1/cluster</c>: members, their status and roles, and how many shards and entities each hosts per region.</summary>
public static class ClusterEndpoint
{
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(3);

    public static async Task<IResult> Handle(HttpContext context, ActorSystem system,
        IRequiredActor<IpRegion> ips, IRequiredActor<UserRegion> users, IRequiredActor<AlertRegion> alerts)
    {
        var cluster = AkkaCluster.Get(system);
        var state = cluster.State;
        var regions = new Dictionary<string, IActorRef>
        {
            ["ip"] = await ips.GetAsync(context.RequestAborted),
            ["user"] = await users.GetAsync(context.RequestAborted),
            ["alert"] = await alerts.GetAsync(context.RequestAborted),
        };
        var stats = new Dictionary<string, ClusterShardingStats?>();
        foreach (var (name, region) in regions)
        {
            try
            {
                stats[name] = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(2), context.RequestAborted);
            }
            catch (AskTimeoutException)
            {
                stats[name] = null;   // a region still starting up or a coordinator moving: report what we have
            }
        }

        var members = state.Members.Select(m => new ClusterMemberView(
            m.Address.ToString(),
            m.Status.ToString().ToLowerInvariant(),
            m.Roles.Order(StringComparer.Ordinal).ToList(),
            !state.Unreachable.Contains(m),
            m.Address == cluster.SelfAddress,
            m.Address == state.Leader,
            stats.ToDictionary(kv => kv.Key, kv => RegionStats(kv.Value, m.Address)))).ToList();
        return Results.Json(new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members,
            stats.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()), NodeJson.Options);
    }

    private static RegionView RegionStats(ClusterShardingStats? stats, Address address) =>
        stats is not null && stats.Regions.TryGetValue(address, out var region)
            ? new RegionView(region.Stats.Count, region.Stats.Values.Sum())
            : new RegionView(0, 0);
}

public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<ClusterMemberView> Members, IReadOnlyList<string> RegionsWithoutStats);

public sealed record ClusterMemberView(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, bool IsSelf, bool IsLeader,
    IReadOnlyDictionary<string, RegionView> Regions);

public sealed record RegionView(int Shards, int Entities);

using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Microsoft.Extensions.Options;
using SiemActors.Actors.Hosting;

namespace SiemActors.Node.Http;

/// <summary>
/// The cluster bootstrap contact-point route (<c>GET /bootstrap/seed-nodes</c>), served by Kestrel on the management
/// port because Akka.Management's own server cannot run here (see ClusterSetup). Nodes that are still bootstrapping
/// probe it to find a cluster to join, or to agree which of them forms a new one. The body is Akka.Management's own
/// contract object serialized the way its HTTP client reads it.
/// </summary>
public static class BootstrapSeedNodesEndpoint
{
    public const string Path = "/bootstrap/seed-nodes";
    private const int MaxSeedNodes = 5;

    public static void Map(WebApplication app)
    {
        var cluster = app.Services.GetRequiredService<IOptions<SiemOptions>>().Value.Cluster;
        if (!cluster.UsesBootstrap) return;
        // Only on the management port: peers reach it without an API key, so it must not share the API's listener.
        app.MapGet(Path, Handle).RequireHost($"*:{cluster.ManagementPort}").AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Handle(ActorSystem system)
    {
        var akkaCluster = Cluster.Get(system);
        var state = akkaCluster.State;
        var members = state.Members
            .Where(m => !state.Unreachable.Contains(m) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining)
            .Take(MaxSeedNodes)
            .Select(m => new HttpBootstrapJsonProtocol.ClusterMember(m.UniqueAddress.Address, m.UniqueAddress.Uid, m.Status, m.Roles))
            .ToImmutableList();
        var body = Newtonsoft.Json.JsonConvert.SerializeObject(new HttpBootstrapJsonProtocol.SeedNodes(akkaCluster.SelfAddress, members));
        return Results.Content(body, "application/json");
    }
}

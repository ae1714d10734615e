using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;
using Xunit;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SiemActors.Cluster.Tests;

/// <summary>The ingress/worker roles: entities live only on workers, ingress-only nodes reach them through shard proxies.</summary>
public sealed class DiscoveryAndRolesSpec : IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"siem-roles-{Guid.NewGuid():N}.db");
    private readonly List<ClusterNode> _nodes = [];
    private PersistenceSettings Persistence => new() { Provider = "sqlite", ConnectionString = $"Data Source={_db}" };

    [Fact]
    public async Task An_ingress_only_node_parses_and_routes_while_a_worker_node_hosts_every_entity()
    {
        int portA = ClusterNode.FreePort(), portB = ClusterNode.FreePort();
        var ingressOnly = await ClusterNode.StartAsync(portA, portA, Persistence, o => o.Cluster.Roles = [ClusterRoles.Ingress]);
        _nodes.Add(ingressOnly);
        var worker = await ClusterNode.StartAsync(portB, portA, Persistence, o => o.Cluster.Roles = [ClusterRoles.Worker]);
        _nodes.Add(worker);
        await Poll.Until(() => AkkaCluster.Get(ingressOnly.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 2, "two members up");

        var ips = Enumerable.Range(1, 20).Select(i => $"192.0.2.{i}").ToList();
        var lines = ips.Select(ip => new RawLine($"Jan 13 03:45:12 server sshd[1]: Failed password for admin from {ip} port 22 ssh2", SourceKind.Auto)).ToList();
        var ingress = await ingressOnly.Registry.GetAsync<IngressGateway>();
        var result = await ingress.Ask<BatchResult>(new IngestBatch(lines, DateTimeOffset.UtcNow, VerdictDetail.All), TimeSpan.FromSeconds(30));

        Assert.Equal(20, result.Accepted);
        Assert.Equal(20, result.Verdicts.Count);
        var onWorker = await worker.HostedIpsAsync(ips);
        Assert.Equal(ips.Order(), onWorker.Order());
        Assert.Empty(await ingressOnly.HostedIpsAsync(ips));
    }


    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in Enumerable.Reverse(_nodes)) await node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) if (File.Exists(f)) File.Delete(f);
    }
}

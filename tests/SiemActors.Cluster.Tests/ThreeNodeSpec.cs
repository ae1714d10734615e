using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Data.Sqlite;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;
using Xunit;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SiemActors.Cluster.Tests;

/// <summary>
/// Three ActorSystems on loopback sharing one SQLite journal: entity state survives a rebalance (shards handed off
/// to nodes that join) and a crash (a node that dies without leaving), and an IP lives in exactly one entity.
/// </summary>
public sealed class ThreeNodeSpec : IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"siem-3node-{Guid.NewGuid():N}.db");
    private readonly List<ClusterNode> _nodes = [];
    private PersistenceSettings Persistence => new() { Provider = "sqlite", ConnectionString = $"Data Source={_db}" };

    private const string FastRebalance = """
        akka.cluster.sharding.rebalance-interval = 1s
        akka.cluster.sharding.least-shard-allocation-strategy.rebalance-relative-limit = 0.5
        """;

    private static void Fast(SiemOptions o)
    {
        o.Cluster.DownUnreachableAfter = TimeSpan.FromSeconds(2);
        o.Pipeline.SnapshotInterval = TimeSpan.FromMilliseconds(200);
        o.Pipeline.BatchTimeout = TimeSpan.FromSeconds(20);
    }

    private async Task<ClusterNode> Start(int port, int seedPort, string? hocon = null)
    {
        var node = await ClusterNode.StartAsync(port, seedPort, Persistence, Fast, FastRebalance + "\n" + hocon);
        _nodes.Add(node);
        return node;
    }

    [Fact]
    public async Task Entities_handed_off_to_joining_nodes_come_back_with_their_history()
    {
        var portA = ClusterNode.FreePort();
        var a = await Start(portA, portA);
        await UpMembers(a, 1);
        // Alone, A makes new entities without asking the database; that must not cost them their history later.
        await Poll.Until(async () => (await a.EntityStoreStatusAsync()).FilterUsable, "node A trusts its new-entity filter");
        var ips = Ips("203.0.113", 30);
        await Ingest(a, ips, eventsPerIp: 3);
        Assert.Equal(ips.Count, (await a.HostedIpsAsync(ips)).Count);

        var b = await Start(ClusterNode.FreePort(), portA);
        var c = await Start(ClusterNode.FreePort(), portA);
        await UpMembers(a, 3);
        Assert.True((await a.EntityStoreStatusAsync()).FilterDisabled);

        // Ask for every profile until some of them are answered from the joiners: each answer must carry the full history.
        await Poll.Until(async () =>
        {
            foreach (var ip in ips) Assert.Equal(3, (await Profile(a, ip)).TotalEvents);
            var moved = (await b.HostedIpsAsync(ips)).Concat(await c.HostedIpsAsync(ips)).Count();
            return moved > 0;
        }, "shards rebalanced to the joining nodes", seconds: 60);
        await AssertEachIpOnce(ips);
    }

    [Fact]
    public async Task Entities_of_a_crashed_node_restart_elsewhere_from_their_snapshots()
    {
        var portA = ClusterNode.FreePort();
        var a = await Start(portA, portA);
        var b = await Start(ClusterNode.FreePort(), portA);
        var c = await Start(ClusterNode.FreePort(), portA, ClusterNode.CrashableHocon);
        await UpMembers(a, 3);
        await a.WaitForIpRegionsAsync(3);
        var ips = Ips("198.51.100", 60);
        await Ingest(a, ips, eventsPerIp: 2);

        var onC = (await c.HostedIpsAsync(ips)).ToList();
        Assert.NotEmpty(onC);
        await Poll.Until(() => SnapshotsSaved(onC) == onC.Count, "snapshots of the crashing node's entities saved");

        await c.CrashAsync();
        _nodes.Remove(c);
        await Poll.Until(() => AkkaCluster.Get(a.System).State.Members.Count == 2
                               && AkkaCluster.Get(a.System).State.Unreachable.Count == 0, "crashed node downed and removed", seconds: 60);

        foreach (var ip in onC)
        {
            // The first asks may reach a shard still being reallocated from the downed node: retried until answered.
            IpProfile? profile = null;
            await Poll.Until(async () => (profile = await Profile(a, ip)) is not null, $"profile of {ip} answered after the crash", seconds: 60);
            Assert.Equal(2, profile!.TotalEvents);
            Assert.Equal(2, profile.Windows["failures_1m"]);
        }
        await AssertEachIpOnce(ips);
    }

    private static List<string> Ips(string prefix, int count) => Enumerable.Range(1, count).Select(i => $"{prefix}.{i}").ToList();

    private static async Task Ingest(ClusterNode node, IReadOnlyList<string> ips, int eventsPerIp)
    {
        var lines = ips.SelectMany(ip => Enumerable.Range(0, eventsPerIp).Select(k => new RawLine(
            $"Jan 13 03:45:{10 + k:00} server sshd[1234]: Failed password for admin from {ip} port 22 ssh2", SourceKind.Auto))).ToList();
        var ingress = await node.Registry.GetAsync<IngressGateway>();
        var result = await ingress.Ask<BatchResult>(new IngestBatch(lines, DateTimeOffset.UtcNow, VerdictDetail.None), TimeSpan.FromSeconds(40));
        Assert.Equal(lines.Count, result.Accepted);
    }

    private static async Task<IpProfile> Profile(ClusterNode node, string ip)
    {
        var region = await node.Registry.GetAsync<IpRegion>();
        return await region.Ask<IpProfile>(new GetIpProfile(ip), TimeSpan.FromSeconds(20));
    }


    private async Task AssertEachIpOnce(IReadOnlyList<string> ips)
    {
        var seen = new Dictionary<string, int>();
        foreach (var node in _nodes)
            foreach (var ip in await node.HostedIpsAsync(ips))
                seen[ip] = seen.GetValueOrDefault(ip) + 1;
        Assert.All(seen, kv => Assert.True(kv.Value == 1, $"{kv.Key} is hosted by {kv.Value} partitions"));
        Assert.Equal(ips.Count, seen.Count);
    }

    private static Task UpMembers(ClusterNode node, int count) => Poll.Until(
        () => AkkaCluster.Get(node.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == count, $"{count} members up");

    private int SnapshotsSaved(IEnumerable<string> ips)
    {
        using var connection = new SqliteConnection($"Data Source={_db}");
        connection.Open();
        using var command = connection.CreateCommand();
        var ids = ips.Select((ip, i) => (Name: $"$p{i}", Value: IpPartitionActor.PersistencePrefix + ip)).ToList();
        command.CommandText = $"SELECT COUNT(*) FROM {SiemActors.Actors.Entities.State.SqlEntityStateRepository.Table} WHERE entity_key IN ({string.Join(",", ids.Select(p => p.Name))})";
        foreach (var (name, value) in ids) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in Enumerable.Reverse(_nodes)) await node.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) if (File.Exists(f)) File.Delete(f);
    }
}

using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;
using Xunit;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SiemActors.Cluster.Tests;

/// <summary>Two ActorSystems on 127.0.0.1 form one cluster; lines ingested on one node are scored by entities on the other.</summary>
public sealed class TwoNodeSpec : IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"siem-cluster-{Guid.NewGuid():N}.db");
    private ClusterNode _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        var portA = ClusterNode.FreePort();
        var portB = ClusterNode.FreePort();
        _a = await ClusterNode.StartAsync(portA, portA, _db);
        _b = await ClusterNode.StartAsync(portB, portA, _db);
        await Poll.Until(() => AkkaCluster.Get(_a.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 2, "two members up");
        await _a.WaitForIpRegionsAsync(2);
    }

    [Fact]
    public async Task A_batch_ingested_on_one_node_is_scored_by_entities_living_on_both()
    {
        var ips = Enumerable.Range(1, 40).Select(i => $"203.0.113.{i}").ToList();
        var lines = ips.Select((ip, i) => new RawLine(
            $"Jan 13 03:45:{i % 60:00} server sshd[1234]: Failed password for admin from {ip} port 22 ssh2", SourceKind.Auto)).ToList();
        var ingress = await _a.Registry.GetAsync<IngressGateway>();

        var result = await ingress.Ask<BatchResult>(new IngestBatch(lines, DateTimeOffset.UtcNow, VerdictDetail.All), TimeSpan.FromSeconds(30));

        Assert.Equal(40, result.Accepted);
        Assert.Equal(40, result.Verdicts.Count);
        Assert.Equal(ips, result.Verdicts.Select(v => v.Event.SourceIp));

        var onA = await _a.HostedIpsAsync(ips);
        var onB = await _b.HostedIpsAsync(ips);
        Assert.NotEmpty(onB.Intersect(ips));
        Assert.NotEmpty(onA.Intersect(ips));
        // Every IP's partition lives on exactly one node.
        Assert.Empty(onA.Intersect(onB));
        Assert.Equal(ips.Order(), onA.Concat(onB).Intersect(ips).Order());

        // A profile asked on node A is answered by the entity on node B.
        var remoteIp = onB.Intersect(ips).First();
        var region = await _a.Registry.GetAsync<IpRegion>();
        var profile = await region.Ask<IpProfile>(new GetIpProfile(remoteIp), TimeSpan.FromSeconds(10));
        Assert.Equal(1, profile.TotalEvents);
        Assert.Equal(1, profile.Windows["failures_1m"]);
    }

    [Fact]
    public async Task Nodes_sharing_a_sqlite_file_look_up_every_new_entity()
    {
        // Each node sees the other, so neither may trust "never saved" from what it alone wrote.
        Assert.True((await _a.EntityStoreStatusAsync()).FilterDisabled);
        Assert.True((await _b.EntityStoreStatusAsync()).FilterDisabled);
    }


    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) if (File.Exists(f)) File.Delete(f);
    }
}

using Akka.Actor;
using Akka.Hosting;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;
using Xunit;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SiemActors.Cluster.Tests;

/// <summary>The multi-node configuration: two nodes sharing one PostgreSQL journal (schema created on start).</summary>
public sealed class PostgresClusterSpec(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [PostgresFact]
    public async Task An_alert_raised_through_one_node_is_persisted_once_and_listed_by_both()
    {
        var persistence = new PersistenceSettings { Provider = "postgres", ConnectionString = database.ConnectionString };
        var portA = ClusterNode.FreePort();
        var portB = ClusterNode.FreePort();
        await using var a = await ClusterNode.StartAsync(portA, portA, persistence);
        await using var b = await ClusterNode.StartAsync(portB, portA, persistence);
        await Poll.Until(() => AkkaCluster.Get(a.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 2, "two members up");

        var lines = Enumerable.Range(0, 20)
            .Select(i => new RawLine($"Jan 13 03:45:{10 + i} server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2", SourceKind.Auto))
            .ToList();
        var ingress = await a.Registry.GetAsync<IngressGateway>();
        var result = await ingress.Ask<BatchResult>(new IngestBatch(lines, DateTimeOffset.UtcNow, VerdictDetail.None), TimeSpan.FromSeconds(30));
        Assert.Equal(20, result.Accepted);
        Assert.True(result.Alerts > 0);

        foreach (var node in new[] { a, b })
        {
            var index = await node.Registry.GetAsync<AlertIndex>();
            await Poll.Until(async () =>
            {
                var list = await index.Ask<AlertList>(new QueryAlerts(null, "45.142.212.61", null, 10), TimeSpan.FromSeconds(15));
                return list.Total == 1 && list.Alerts[0].Incident.EventCount >= 1;
            }, $"alert listed on node {node.Port}");
        }
    }
}

using System.Net;
using System.Text.Json;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Cluster;

/// <summary>
/// Akka.Management cluster bootstrap with config discovery, contact points served by each node's Kestrel: two real
/// nodes that only know each other's management endpoints form one cluster, without any seed node configured.
/// </summary>
public sealed class ClusterBootstrapSpec : IAsyncLifetime
{
    private readonly List<TestNode> _nodes = [];

    private static string[] BootstrapArgs(int managementPort, IReadOnlyList<int> allManagementPorts) =>
    [
        "--Siem:Cluster:Discovery=config",
        $"--Siem:Cluster:ManagementPort={managementPort}",
        "--Siem:Cluster:RequiredContactPoints=2",
        .. allManagementPorts.Select((p, i) => $"--Siem:Cluster:ConfigEndpoints:{i}=127.0.0.1:{p}"),
    ];

    [Fact]
    public async Task Two_nodes_that_know_only_each_others_contact_points_form_one_cluster()
    {
        var ports = FreePort.Distinct(2);
        // Both at once: neither is ready (an Up member) until the other answers its probes.
        _nodes.AddRange(await Task.WhenAll(ports.Select(p => TestNode.StartAsync(extraArgs: BootstrapArgs(p, ports)))));

        foreach (var node in _nodes)
        {
            var members = await Eventually.Async(async () =>
            {
                var json = await node.GetJsonAsync("/api/v1/cluster");
                var list = json.GetProperty("members").EnumerateArray().ToList();
                return list.Count == 2 && list.All(m => m.GetProperty("status").GetString() == "up") ? list : null;
            }, TimeSpan.FromSeconds(60), "both members up in one cluster");
            Assert.Equal(2, members.Select(m => m.GetProperty("address").GetString()).Distinct().Count());
        }

        using var http = new HttpClient();
        var contactPoint = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{ports[1]}/bootstrap/seed-nodes")).RootElement;
        Assert.Contains("127.0.0.1", contactPoint.GetProperty("SelfNode").GetRawText());
        Assert.Equal(2, contactPoint.GetProperty("Nodes").GetArrayLength());

        // The route answers peers without credentials, so it lives on the management port only, never beside the API.
        using var onApiPort = await _nodes[1].Http.GetAsync("/bootstrap/seed-nodes");
        Assert.Equal(HttpStatusCode.NotFound, onApiPort.StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }
}

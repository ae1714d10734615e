using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests;

[Collection(NodeCollection.Name)]
public sealed class ClusterEndpointSpec(SharedNode shared)
{
    [Fact]
    public async Task Shows_the_node_as_an_up_member_with_both_roles_and_the_entities_it_hosts()
    {
        await shared.Node.AnalyzeAsync("Jan 13 03:45:12 server sshd[1234]: Failed password for bob from 192.0.2.77 port 22 ssh2");

        var view = await Eventually.Async(async () =>
        {
            var json = await shared.Node.GetJsonAsync("/api/v1/cluster");
            var self = json.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("is_self").GetBoolean());
            return self.GetProperty("regions").GetProperty("ip").GetProperty("entities").GetInt32() >= 1 ? (object)json : null;
        }, TimeSpan.FromSeconds(20), "ip entities reported");

        var cluster = (System.Text.Json.JsonElement)view;
        var member = Assert.Single(cluster.GetProperty("members").EnumerateArray());
        Assert.Equal("up", member.GetProperty("status").GetString());
        Assert.True(member.GetProperty("reachable").GetBoolean());
        Assert.True(member.GetProperty("is_leader").GetBoolean());
        Assert.Equal(["ingress", "worker"], member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(member.GetProperty("regions").GetProperty("ip").GetProperty("shards").GetInt32() >= 1);
        Assert.True(member.GetProperty("regions").GetProperty("user").GetProperty("entities").GetInt32() >= 1);
        Assert.StartsWith("akka.tcp://siem@127.0.0.1:", cluster.GetProperty("self").GetString());
    }
}

using System.Text.Json;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Alerting;

/// <summary>
/// A <c>siem node</c> process killed outright (SIGKILL: no shutdown, no last checkpoint) loses no alert it had written:
/// with SQLite group commit each commit is in the WAL file before the write is confirmed (docs/OPERATIONS.md).
/// </summary>
public sealed class AlertCrashSpec
{
    private const string Ip = "45.142.212.90";

    [Fact]
    public async Task An_alert_written_before_the_node_process_is_killed_is_listed_after_it_restarts()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "siem-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            string alertId;
            using (var first = await StartAsync(dataDir))
            {
                var answer = await first.Http.PostBatchAsync(AttackTraffic.BruteForce(Ip, 30));
                Assert.True(answer.GetProperty("alerts").GetInt32() > 0, answer.ToString());
                // Listed by the alert index, which reads the journal: the incident is written.
                alertId = (await AlertIdsAsync(first)).Single();
                first.Kill();
            }

            using var second = await StartAsync(dataDir);
            Assert.Equal([alertId], await AlertIdsAsync(second));
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<NodeProcess> StartAsync(string dataDir)
    {
        var node = NodeProcess.Start(dataDir, "--Logging:LogLevel:Default=Warning");
        await node.WaitUntilReadyAsync();
        return node;
    }

    private static Task<string[]> AlertIdsAsync(NodeProcess node) => Eventually.Async(async () =>
    {
        var list = JsonDocument.Parse(await node.Http.GetStringAsync($"/api/v1/alerts?entity={Ip}")).RootElement;
        var ids = list.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
        return ids.Length > 0 ? ids : null;
    }, TimeSpan.FromSeconds(30), $"an alert about {Ip} listed");
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
            using (var first = await NodeProcess.StartAsync(dataDir))
            {
                var answer = await first.PostAsync(AttackTraffic.BruteForce(Ip, 30));
                Assert.True(answer.GetProperty("alerts").GetInt32() > 0, answer.ToString());
                // Listed by the alert index, which reads the journal: the incident is written.
                alertId = (await first.AlertIdsAsync()).Single();
                first.Kill();
            }

            using var second = await NodeProcess.StartAsync(dataDir);
            Assert.Equal([alertId], await second.AlertIdsAsync());
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private sealed class NodeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http;

        private NodeProcess(Process process, int port)
        {
            _process = process;
            _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        }

        public static async Task<NodeProcess> StartAsync(string dataDir)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[]
                     {
                         Path.Combine(AppContext.BaseDirectory, "siem.dll"), "node", $"--urls=http://127.0.0.1:{port}", $"--Siem:DataDir={dataDir}",
                         "--Siem:Cluster:Port=0", $"--Siem:Models:Path={RepoPaths.DefaultModel}", "--Siem:Models:Watch=false",
                         "--Logging:LogLevel:Default=Warning",
                     })
                start.ArgumentList.Add(arg);
            var node = new NodeProcess(Process.Start(start)!, port);
            // Drained so a full pipe never blocks the node.
            node._process.OutputDataReceived += (_, _) => { };
            node._process.ErrorDataReceived += (_, _) => { };
            node._process.BeginOutputReadLine();
            node._process.BeginErrorReadLine();
            await Eventually.Async(async () =>
            {
                using var response = await node._http.GetAsync("/healthz/ready");
                return response.IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(60), "node process ready");
            return node;
        }

        public async Task<JsonElement> PostAsync(IEnumerable<string> lines)
        {
            using var content = new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, "text/plain");
            using var response = await _http.PostAsync("/api/v1/logs?source=sshd", content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        public Task<string[]> AlertIdsAsync() => Eventually.Async(async () =>
        {
            var list = JsonDocument.Parse(await _http.GetStringAsync($"/api/v1/alerts?entity={Ip}")).RootElement;
            var ids = list.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
            return ids.Length > 0 ? ids : null;
        }, TimeSpan.FromSeconds(30), $"an alert about {Ip} listed");

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
            _http.Dispose();
        }
    }
}

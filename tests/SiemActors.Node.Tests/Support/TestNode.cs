using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SiemActors.Node.Hosting;

namespace SiemActors.Node.Tests.Support;

/// <summary>A real node (Kestrel on a free loopback port, a one-node Akka cluster, SQLite in a temp folder).</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestNode(WebApplication app, string dataDir, HttpClient http)
    {
        _app = app;
        DataDir = dataDir;
        Http = http;
    }

    public string DataDir { get; }
    public HttpClient Http { get; }

    /// <summary>The node's services, for specs that need what only the host knows (e.g. the syslog listeners' bound ports).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<TestNode> StartAsync(string? dataDir = null, Uri? slackUrl = null, params string[] extraArgs)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "siem-node-test-" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Siem:DataDir={dataDir}",
            "--Siem:Cluster:Port=0",
            $"--Siem:Models:Path={RepoPaths.DefaultModel}",
            "--Siem:Models:Watch=false",
            "--Siem:Alerts:RetryBaseDelay=00:00:00.100",
            "--Logging:LogLevel:Default=Warning",
            .. slackUrl is null ? Array.Empty<string>() : [$"--Siem:Slack:WebhookUrl={slackUrl}"],
            .. extraArgs,
        ];
        var app = NodeHost.Build(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var node = new TestNode(app, dataDir, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) });
        await node.WaitUntilReadyAsync();
        return node;
    }

    private async Task WaitUntilReadyAsync()
    {
        await Eventually.Async(async () =>
        {
            using var response = await Http.GetAsync("/healthz/ready");
            return response.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(30), "node ready");
    }

    public async Task<JsonElement> AnalyzeAsync(string line, string? source = null)
    {
        using var response = await Http.PostAsJsonAsync("/api/v1/logs/analyze", new { log_line = line, source });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"analyze answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var body = await Http.GetStringAsync(path);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

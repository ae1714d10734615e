using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Scoring;
using SiemActors.Detection.Scoring;
using SiemActors.Domain.Geo;
using ClusterSettings = SiemActors.Actors.Hosting.ClusterSettings;

namespace SiemActors.Node.Evaluation;

/// <summary>
/// A whole node without HTTP: the production Akka setup (<see cref="SiemAkkaSetup.AddSiemNode"/>) in a generic host, a
/// one-node cluster on a free loopback port, SQLite in a temporary folder (deleted on dispose), and alerts recorded in
/// memory. One parser, so every entity sees its events in file order, as a replay of a single log would.
/// </summary>
public sealed class InProcessNode : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly IActorRef _ingress;
    private readonly TimeSpan _askTimeout;

    private InProcessNode(IHost host, IActorRef ingress, RecordingAlertChannel alerts, string dataDir, TimeSpan askTimeout)
    {
        _host = host;
        _ingress = ingress;
        Alerts = alerts;
        DataDir = dataDir;
        _askTimeout = askTimeout;
    }

    public RecordingAlertChannel Alerts { get; }
    public string DataDir { get; }

    public static async Task<InProcessNode> StartAsync(EnsembleModel model, DetectionOptions detection, IGeoIpLookup? geo, CancellationToken ct)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "siem-eval-" + Guid.NewGuid().ToString("N"));
        var options = new SiemOptions
        {
            DataDir = dataDir,
            Cluster = new ClusterSettings { Hostname = "127.0.0.1", Port = 0 },
            Pipeline = new PipelineSettings
            {
                ParserPoolSize = 1,
                // Passivation would only add snapshot writes to the measurement; a replay is minutes long.
                PassivateIdleEntityAfter = TimeSpan.FromHours(2),
                BatchTimeout = TimeSpan.FromMinutes(2),
            },
            Detection = detection,
        };
        var alerts = new RecordingAlertChannel();
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureServices(services =>
            {
                services.AddSingleton(new ModelProvider(model, NullLogger.Instance));
                services.AddSingleton<IReadOnlyList<IAlertChannel>>([alerts]);
                services.AddSingleton(geo ?? NoGeoIpLookup.Instance);
                services.AddAkka(ClusterSettings.SystemName, (builder, sp) => builder
                    .AddSiemNode(options, sp)
                    .ConfigureLoggers(l => l.LogLevel = Akka.Event.LogLevel.WarningLevel));
            })
            .Build();
        await host.StartAsync(ct);
        var system = host.Services.GetRequiredService<ActorSystem>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Cluster.Get(system).SelfMember.Status != MemberStatus.Up)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the in-process node did not join its own cluster within 60 s");
            await Task.Delay(100, ct);
        }
        var ingress = await host.Services.GetRequiredService<IRequiredActor<IngressGateway>>().GetAsync(ct);
        return new InProcessNode(host, ingress, alerts, dataDir, options.Pipeline.BatchTimeout + TimeSpan.FromSeconds(10));
    }

    /// <returns><see cref="BatchResult"/> or <see cref="BatchFailed"/>.</returns>
    public Task<object> IngestAsync(IngestBatch batch, CancellationToken ct) => _ingress.Ask<object>(batch, _askTimeout, ct);

    /// <summary>
    /// Waits until at least <paramref name="atLeast"/> alerts have arrived and then none for <paramref name="quiet"/>
    /// (alerts trail the verdicts: persisted, then delivered), at most <paramref name="max"/>.
    /// </summary>
    public async Task SettleAlertsAsync(int atLeast, TimeSpan quiet, TimeSpan max, CancellationToken ct)
    {
        var until = DateTime.UtcNow + max;
        var last = -1;
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < until)
        {
            var now = Alerts.Count;
            if (now != last) (last, stableSince) = (now, DateTime.UtcNow);
            else if (now >= atLeast && DateTime.UtcNow - stableSince >= quiet) return;
            await Task.Delay(200, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        try { Directory.Delete(DataDir, recursive: true); }
        catch (IOException) { }   // SQLite may still hold the file for a moment; a temp folder left behind is harmless
        catch (UnauthorizedAccessException) { }
    }
}

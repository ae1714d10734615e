using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Telemetry;

namespace SiemActors.Node.Telemetry;

/// <summary>
/// Samples this node's shard regions (shards hosted, entities alive) on a timer and hands the counts to
/// <see cref="SiemMetrics"/>, whose gauges report the last sample on scrape.
/// </summary>
public sealed class ShardStatsSampler(
    IRequiredActor<IpRegion> ips, IRequiredActor<UserRegion> users, IRequiredActor<AlertRegion> alerts,
    IOptions<TelemetryOptions> options, ILogger<ShardStatsSampler> log) : BackgroundService
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            (string Name, IActorRef Region)[] regions =
            [
                ("ip", await ips.GetAsync(stoppingToken)),
                ("user", await users.GetAsync(stoppingToken)),
                ("alert", await alerts.GetAsync(stoppingToken)),
            ];
            using var timer = new PeriodicTimer(options.Value.ShardSampleInterval);
            do
            {
                foreach (var (name, region) in regions) await SampleAsync(name, region, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task SampleAsync(string name, IActorRef region, CancellationToken ct)
    {
        try
        {
            var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout, ct);
            var entities = 0;
            foreach (var shard in state.Shards) entities += shard.EntityIds.Count;
            SiemMetrics.ReportShards(name, state.Shards.Count, entities);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // A busy or rebalancing region: keep the last sample rather than report zeros, and never stop the host
            // (an exception escaping a BackgroundService stops the whole node).
            log.LogDebug("Shard region '{Region}' did not report its state in time: {Error}", name, ex.Message);
        }
    }
}

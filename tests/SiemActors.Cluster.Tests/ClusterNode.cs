using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Tests.Support;

namespace SiemActors.Cluster.Tests;

/// <summary>One cluster member: the production Akka setup (<see cref="SiemAkkaSetup"/>) in its own generic host, remoting on loopback.</summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterNode(IHost host, int port, int entityPartitions)
    {
        _host = host;
        Port = port;
        Partitions = new SiemActors.Actors.Entities.EntityPartitioner(entityPartitions);
    }

    /// <summary>How this node maps IPs and users to partitions (every node of a test cluster agrees).</summary>
    public SiemActors.Actors.Entities.EntityPartitioner Partitions { get; }

    /// <summary>Those of <paramref name="ips"/> whose ip partition lives on this node now.</summary>
    public async Task<HashSet<string>> HostedIpsAsync(IEnumerable<string> ips)
    {
        var region = await Registry.GetAsync<SiemActors.Actors.Hosting.IpRegion>();
        var state = await region.Ask<Akka.Cluster.Sharding.CurrentShardRegionState>(
            Akka.Cluster.Sharding.GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        var partitions = state.Shards.SelectMany(s => s.EntityIds).ToHashSet();
        return ips.Where(ip => partitions.Contains(Partitions.IdOf(ip))).ToHashSet();
    }

    /// <summary>The node's entity state store's view of its new-entity filter.</summary>
    public async Task<SiemActors.Actors.Entities.State.EntityStoreStatus> EntityStoreStatusAsync()
    {
        var store = await Registry.GetAsync<EntityStateStore>();
        return await store.Ask<SiemActors.Actors.Entities.State.EntityStoreStatus>(
            SiemActors.Actors.Entities.State.GetEntityStoreStatus.Instance, TimeSpan.FromSeconds(10));
    }

    public int Port { get; }
    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();
    public IActorRegistry Registry => _host.Services.GetRequiredService<IActorRegistry>();

    /// <summary>
    /// Waits until the ip shard coordinator knows <paramref name="count"/> regions: shards are only allocated to regions
    /// that have registered, so a batch sent the moment members are up may all land on the first node.
    /// </summary>
    public async Task WaitForIpRegionsAsync(int count)
    {
        var region = await Registry.GetAsync<SiemActors.Actors.Hosting.IpRegion>();
        await Poll.Until(async () =>
        {
            var stats = await region.Ask<Akka.Cluster.Sharding.ClusterShardingStats>(
                new Akka.Cluster.Sharding.GetClusterShardingStats(TimeSpan.FromSeconds(3)), TimeSpan.FromSeconds(10));
            return stats.Regions.Count >= count;
        }, $"{count} ip regions registered with the coordinator");
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string Address(int port) => $"akka.tcp://{ClusterSettings.SystemName}@127.0.0.1:{port}";

    public static Task<ClusterNode> StartAsync(int port, int seedPort, string sqliteFile) =>
        StartAsync(port, seedPort, new PersistenceSettings { Provider = "sqlite", ConnectionString = $"Data Source={sqliteFile}" });

    public static async Task<ClusterNode> StartAsync(int port, int seedPort, PersistenceSettings persistence,
        Action<SiemOptions>? configure = null, string? hocon = null)
    {
        var options = new SiemOptions
        {
            Cluster = new ClusterSettings { Hostname = "127.0.0.1", Port = port, SeedNodes = [Address(seedPort)] },
            Persistence = persistence,
            Pipeline = new PipelineSettings { ScorerPoolSize = 2, ParserPoolSize = 2, MaxShards = 20 },
        };
        configure?.Invoke(options);
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureServices(services =>
            {
                services.AddSingleton(new ModelProvider(TestModels.Small, NullLogger.Instance));
                services.AddSingleton<IReadOnlyList<IAlertChannel>>(sp => [new SiemActors.Actors.Alerting.Channels.ConsoleAlertChannel(NullLogger.Instance)]);
                services.AddAkka(ClusterSettings.SystemName, (builder, sp) =>
                {
                    builder.AddSiemNode(options, sp);
                    if (hocon is not null) builder.AddHocon(hocon, HoconAddMode.Prepend);
                });
            })
            .Build();
        await host.StartAsync();
        return new ClusterNode(host, port, options.Pipeline.EntityPartitions);
    }

    /// <summary>
    /// Hard stop: the actor system goes without leaving the cluster or handing off its shards, as a killed process
    /// would. Only for nodes started with <see cref="CrashableHocon"/>.
    /// </summary>
    public Task CrashAsync() => System.Terminate();

    public const string CrashableHocon = "akka.coordinated-shutdown.run-by-actor-system-terminate = off";

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

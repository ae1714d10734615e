using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Akka.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Entities.State;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Parsing;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Serialization;

namespace SiemActors.Actors.Hosting;

/// <summary>Everything a SiemActors node runs, as one list of Akka.Hosting steps.</summary>
public static class SiemAkkaSetup
{
    /// <summary>
    /// Configures remoting, the cluster, persistence, serialization, the entity and alert shard regions, and
    /// the local pipeline actors. Needs <see cref="ModelProvider"/> and <c>IReadOnlyList&lt;IAlertChannel&gt;</c>
    /// in the service provider.
    /// </summary>
    public static AkkaConfigurationBuilder AddSiemNode(this AkkaConfigurationBuilder builder, SiemOptions options, IServiceProvider services)
    {
        var cluster = options.Cluster;
        var pipeline = options.Pipeline;
        var hocon = HoconFile();
        if (hocon is not null) builder.AddHocon(hocon, HoconAddMode.Prepend);

        // Alert entities too write what they folded since their last flush before they stop (passivation, hand-off).
        var shardOptions = new ShardOptions
        {
            StateStoreMode = StateStoreMode.DData,
            ShouldPassivateIdleEntities = true,
            PassivateIdleEntityAfter = pipeline.PassivateIdleEntityAfter,
            Role = ClusterRoles.Worker,
            HandOffStopMessage = StopEntity.Instance,
        };
        var extractor = new EntityMessageExtractor(pipeline.MaxShards);
        var partitions = new EntityPartitioner(pipeline.EntityPartitions);
        var partitionExtractor = new EntityPartitionExtractor(partitions);
        // ip and user partitions save what is unsaved before they stop (passivation, hand-off).
        var entityShardOptions = new ShardOptions
        {
            StateStoreMode = shardOptions.StateStoreMode, ShouldPassivateIdleEntities = true,
            PassivateIdleEntityAfter = shardOptions.PassivateIdleEntityAfter, Role = ClusterRoles.Worker, HandOffStopMessage = StopEntity.Instance,
        };
        var geo = services.GetService<SiemActors.Domain.Geo.IGeoIpLookup>();
        var snapshots = new EntitySnapshotPolicy(pipeline.SnapshotEveryEvents, pipeline.SnapshotInterval);
        var repository = new SqlEntityStateRepository(options.Persistence.Provider, PersistenceSetup.ConnectionString(options),
            groupCommit: PersistenceSetup.UsesGroupCommit(options));
        // SQLite is one node's file: there the node can know which entities were never saved. PostgreSQL is shared.
        var storedKeys = repository.IsPostgres ? StoredKeyFilter.Off : new StoredKeyFilter();
        var channels = services.GetRequiredService<IReadOnlyList<IAlertChannel>>();
        var routing = services.GetService<AlertRouting>() ?? AlertRouting.For(channels, options.Alerts.Routes);
        var suppression = SuppressionPolicy.From(options.Alerts.Suppress);

        builder
            .WithSiemCluster(cluster)
            .WithSiemPersistence(options)
            .WithCustomSerializer("siem", [typeof(ISiemMessage)], system => new SiemMessageSerializer(system))
            .WithShardRegion<IpRegion>("ip", (_, registry, _) => partition => FactoryProps.Of(() =>
                new IpPartitionActor(partition, partitions, () => registry.Get<UserRegion>(), () => registry.Get<ScorerPool>(),
                    () => registry.Get<EntityStateStore>(), geo, snapshots, pipeline.PassivateIdleEntityAfter, storedKeys)), partitionExtractor, entityShardOptions)
            .WithShardRegion<UserRegion>("user", (_, registry, _) => partition => FactoryProps.Of(() =>
                new UserPartitionActor(partition, () => registry.Get<ScorerPool>(), () => registry.Get<EntityStateStore>(),
                    snapshots, pipeline.PassivateIdleEntityAfter, storedKeys)), partitionExtractor, entityShardOptions)
            .WithShardRegion<AlertRegion>("alert", (_, registry, _) => entity => FactoryProps.Of(() =>
                new AlertEntityActor(entity, options.Alerts, () => registry.Get<AlertDelivery>(), routing, suppression,
                    () => registry.Get<AlertRegion>())), extractor, shardOptions)
            .WithActors((system, registry, _) =>
            {
                if (ClusterSetup.JoinsItself(cluster))
                {
                    // A lone node is its own seed; joining programmatically also works when the port was 0.
                    var self = Cluster.Get(system);
                    self.Join(self.SelfAddress);
                }
                registry.Register<EntityStateStore>(system.ActorOf(EntityStateStoreActor.Props(repository, storedKeys), "entity-state"));
                if (!storedKeys.IsDisabled) system.ActorOf(SoleWriterGuard.Props(storedKeys), "sole-writer-guard");
                var models = services.GetRequiredService<ModelProvider>();

                var scorers = system.ActorOf(
                    ScorerActor.Props(models, options.Detection, () => registry.Get<AlertRegion>())
                        .WithRouter(new RoundRobinPool(pipeline.ScorerPoolSize)), "scorers");
                registry.Register<ScorerPool>(scorers);

                var delivery = system.ActorOf(AlertDeliveryActor.Props(channels, options.Alerts, () => registry.Get<AlertRegion>(), routing), "alert-delivery");
                registry.Register<AlertDelivery>(delivery);

                var parsers = system.ActorOf(ParserSupervisor.Props(
                    registry.Get<IpRegion>(), registry.Get<UserRegion>(), scorers, partitions, partitions, pipeline.ParserPoolSize), "parsers");
                registry.Register<ParserPool>(parsers);

                registry.Register<IngressGateway>(system.ActorOf(IngressActor.Props(parsers, pipeline.BatchTimeout), "ingress"));
                registry.Register<AlertIndex>(system.ActorOf(AlertIndexActor.Props(PersistenceSetup.ReadJournalId, () => registry.Get<AlertRegion>(), routing), "alert-index"));
            });
        return builder;
    }

    /// <summary>Tunables operators change live in <c>hocon/siem.hocon</c>, copied next to the executable.</summary>
    private static Config? HoconFile()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "hocon", "siem.hocon");
        return File.Exists(path) ? ConfigurationFactory.ParseString(File.ReadAllText(path)) : null;
    }
}

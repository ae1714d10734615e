using Akka.Cluster.Sharding;

namespace SiemActors.Actors.Entities;

/// <summary>A message for the partition named in it: batches of events, already grouped by the sender.</summary>
public interface IPartitionMessage
{
    string Partition { get; }
}

/// <summary>A message about one entity, routed to whichever partition holds that entity.</summary>
public interface IEntityKeyMessage
{
    string Key { get; }
}

/// <summary>
/// Routes the ip and user regions: the sharded entity is a partition of many entities, and each partition is its own
/// shard, so rebalancing moves whole partitions and a batch reaches each partition in one message.
/// </summary>
public sealed class EntityPartitionExtractor(EntityPartitioner partitioner) : IMessageExtractor
{
    public EntityPartitioner Partitioner => partitioner;

    public string EntityId(object message) => message switch
    {
        IPartitionMessage m => m.Partition,
        IEntityKeyMessage m => partitioner.IdOf(m.Key),
        _ => null!,
    };

    public object EntityMessage(object message) => message;

    public string ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;
}

using Akka.Cluster.Sharding;

namespace SiemActors.Actors.Entities;

/// <summary>Routed by sharding on <see cref="EntityId"/>: one actor per entity (the alert region).</summary>
public interface IEntityMessage
{
    string EntityId { get; }
}

/// <summary>Shards every <see cref="IEntityMessage"/> by a stable hash of its entity id.</summary>
public sealed class EntityMessageExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public override string EntityId(object message) => message switch
    {
        IEntityMessage m => m.EntityId,
        _ => null!,
    };
}

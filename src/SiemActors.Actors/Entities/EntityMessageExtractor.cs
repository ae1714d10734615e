using Akka.Cluster.Sharding;

namespace SiemActors.Actors.Entities;

/// <summary>Shards every <see cref="IEntityMessage"/> by a stable hash of its entity id.</summary>
public sealed class EntityMessageExtractor(int maxShards) : HashCodeMessageExtractor(maxShards)
{
    public override string EntityId(object message) => message switch
    {
        IEntityMessage m => m.EntityId,
        _ => null!,
    };
}

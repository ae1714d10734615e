using Akka.Actor;
using Akka.Routing;
using SiemActors.Actors.Entities;
using SiemActors.Domain.Events;

namespace SiemActors.Actors.Parsing;

/// <summary>Owns one pool of parser actors per source kind and routes each chunk to the pool of its source.</summary>
public sealed class ParserSupervisor : ReceiveActor
{
    public ParserSupervisor(IActorRef ipRegion, IActorRef userRegion, IActorRef scorers, EntityPartitioner ipPartitions, EntityPartitioner userPartitions, int poolSize)
    {
        var pools = new Dictionary<SourceKind, IActorRef>();
        foreach (var kind in Enum.GetValues<SourceKind>())
        {
            pools[kind] = Context.ActorOf(
                ParserActor.Props(ipRegion, userRegion, scorers, ipPartitions, userPartitions).WithRouter(new RoundRobinPool(poolSize)),
                $"parser-{kind.ToName()}");
        }
        Receive<ParseChunk>(chunk => pools[chunk.Source].Forward(chunk));
    }

    public static Props Props(IActorRef ipRegion, IActorRef userRegion, IActorRef scorers, EntityPartitioner ipPartitions, EntityPartitioner userPartitions, int poolSize) =>
        Akka.Actor.Props.Create(() => new ParserSupervisor(ipRegion, userRegion, scorers, ipPartitions, userPartitions, poolSize));
}

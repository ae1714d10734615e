using Akka.Actor;

namespace SiemActors.Actors.Ingress;

/// <summary>The node's entry point for logs: one collector child per ingest request.</summary>
public sealed class IngressActor : ReceiveActor
{
    public IngressActor(IActorRef parsers, TimeSpan batchTimeout)
    {
        Receive<IngestBatch>(batch => Context.ActorOf(BatchCollector.Props(batch, Sender, parsers, batchTimeout)));
    }

    public static Props Props(IActorRef parsers, TimeSpan batchTimeout) =>
        Akka.Actor.Props.Create(() => new IngressActor(parsers, batchTimeout));
}

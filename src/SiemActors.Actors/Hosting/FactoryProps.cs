using Akka.Actor;

namespace SiemActors.Actors.Hosting;

/// <summary>
/// Props from a plain factory delegate. <c>Props.Create(() =&gt; new T(...))</c> compiles an expression tree for every
/// argument each time it is called, which costs milliseconds: fine for a singleton, ruinous for an actor per entity
/// or per request. Only for local actors (the factory cannot travel to another node).
/// </summary>
public static class FactoryProps
{
    public static Props Of<T>(Func<T> factory) where T : ActorBase => Props.CreateBy(new Producer<T>(factory));

    private sealed class Producer<T>(Func<T> factory) : IIndirectActorProducer where T : ActorBase
    {
        public Type ActorType => typeof(T);
        public ActorBase Produce() => factory();
        public void Release(ActorBase actor) { }
    }
}

using Akka.Actor;
using Akka.Cluster;

namespace SiemActors.Actors.Entities.State;

/// <summary>
/// Tells the <see cref="StoredKeyFilter"/> whether this node is the only one that can write its (SQLite) database: alone
/// once the node is up with no other member; not alone, for good, as soon as any other member shows up, which is before
/// that member can own a partition and save to the shared file.
/// </summary>
public sealed class SoleWriterGuard : ReceiveActor
{
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly StoredKeyFilter _filter;

    public SoleWriterGuard(StoredKeyFilter filter)
    {
        _filter = filter;
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members) Seen(member);
        });
        Receive<ClusterEvent.IMemberEvent>(e => Seen(e.Member));
    }

    public static Props Props(StoredKeyFilter filter) => Akka.Actor.Props.Create(() => new SoleWriterGuard(filter));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void Seen(Member member)
    {
        if (!member.Address.Equals(_cluster.SelfAddress))
        {
            _filter.OtherWriter();
            Context.Stop(Self);
        }
        else if (member.Status == MemberStatus.Up && _cluster.State.Members.All(m => m.Address.Equals(_cluster.SelfAddress)))
        {
            _filter.Alone();
        }
    }
}

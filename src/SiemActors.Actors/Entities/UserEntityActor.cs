using Akka.Actor;
using SiemActors.Actors.Scoring;
using SiemActors.Domain.Entities;

namespace SiemActors.Actors.Entities;

/// <summary>
/// The sharded entity of one account: folds events (their country already set by the IP entity) into
/// <see cref="UserBehaviour"/> and sends the completed vectors to the local scorers. State survives
/// passivation and restarts as snapshots (<see cref="SnapshottingEntity"/>).
/// </summary>
public sealed class UserEntityActor : SnapshottingEntity
{
    public const string PersistencePrefix = "user-";
    private readonly string _user;
    private UserBehaviour _state = new();

    private readonly Func<IActorRef> _scorers;

    public UserEntityActor(string user, Func<IActorRef> scorers, Func<IActorRef> store, EntitySnapshotPolicy? policy = null)
        : base(PersistencePrefix + user, policy, store)
    {
        _user = user;
        _scorers = scorers;
    }

    protected override void Active()
    {
        Receive<UserEvents>(m =>
        {
            foreach (var item in m.Items) _state.Observe(item.Event, item.Features);
            _scorers().Tell(new ScoreEvents(m.ReplyTo, m.Detail, m.Items));
            Observed(m.Items.Count);
        });
        Receive<GetUserProfile>(_ => Sender.Tell(UserProfiles.Of(_user, _state)));
    }

    protected override void Restore(object snapshot)
    {
        if (snapshot is UserEntitySnapshot s) _state = UserBehaviour.FromSnapshot(s.State);
    }

    protected override object Snapshot() => new UserEntitySnapshot(0, _state.ToSnapshot());
}

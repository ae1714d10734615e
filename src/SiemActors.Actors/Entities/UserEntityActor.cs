using Akka.Actor;
using Akka.Persistence;
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

    public UserEntityActor(string user, Func<IActorRef> scorers) : this(user, scorers, null) { }

    public UserEntityActor(string user, Func<IActorRef> scorers, EntitySnapshotPolicy? policy)
        : base(PersistencePrefix + user, policy)
    {
        _user = user;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is not UserEntitySnapshot s) return;
            _state = UserBehaviour.FromSnapshot(s.State);
            Restored(s.Generation);
        });
        Command<UserEvents>(m =>
        {
            foreach (var item in m.Items) _state.Observe(item.Event, item.Features);
            scorers().Tell(new ScoreEvents(m.ReplyTo, m.Detail, m.Items));
            Observed(m.Items.Count);
        });
        Command<GetUserProfile>(_ => Sender.Tell(UserProfiles.Of(_user, _state)));
    }

    protected override object Snapshot(long generation) => new UserEntitySnapshot(generation, _state.ToSnapshot());
}

using Akka.Actor;
using SiemActors.Actors.Entities.State;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Serialization;
using SiemActors.Domain.Entities;

namespace SiemActors.Actors.Entities;

/// <summary>
/// A partition of account entities: folds each event (its country already set by the IP partition) into that
/// user's <see cref="UserBehaviour"/> and sends the completed vectors to the local scorers in one message.
/// </summary>
public sealed class UserPartitionActor : EntityPartitionActor<UserBehaviour>
{
    public const string PersistencePrefix = "user-";
    private readonly Func<IActorRef> _scorers;

    public UserPartitionActor(string partition, Func<IActorRef> scorers, Func<IActorRef> store,
        EntitySnapshotPolicy? policy = null, TimeSpan? idleAfter = null, StoredKeyFilter? storedKeys = null)
        : base(partition, PersistencePrefix, policy, idleAfter, store, storedKeys)
    {
        _scorers = scorers;
        ReceiveForEntities<UserEvents>(static m => m.Items.Count, static (m, i) => m.Items[i].Event.UserName!,
            static (m, positions) => m with { Items = ItemsAt(m.Items, positions) }, (m, _) =>
        {
            foreach (var item in m.Items) Change(item.Event.UserName!).Observe(item.Event, item.Features);
            _scorers().Tell(new ScoreEvents(m.ReplyTo, m.Detail, m.Items));
        });
        ReceiveForEntity<GetUserProfile>(static m => m.Key, (m, sender) => sender.Tell(UserProfiles.Of(m.Key, Read(m.Key))));
    }

    protected override UserBehaviour NewState() => new();

    protected override ISiemMessage Snapshot(UserBehaviour state) => new UserEntitySnapshot(0, state.ToSnapshot());

    protected override UserBehaviour Restore(object snapshot) =>
        snapshot is UserEntitySnapshot s ? UserBehaviour.FromSnapshot(s.State) : throw new InvalidOperationException($"not a user snapshot: {snapshot.GetType().Name}");
}

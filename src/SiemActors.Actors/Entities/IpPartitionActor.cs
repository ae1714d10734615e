using Akka.Actor;
using SiemActors.Actors.Entities.State;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Serialization;
using SiemActors.Domain.Entities;
using SiemActors.Domain.Geo;

namespace SiemActors.Actors.Entities;

/// <summary>
/// A partition of source-IP entities. For each event: resolves the IP's country once per load and sets it on the
/// event, folds the event into that IP's <see cref="IpBehaviour"/>, then hands it on, to the user partition when the
/// event names a user (which completes the vector), else straight to the local scorers. One message per partition
/// and per destination, however many IPs the batch holds.
/// </summary>
public sealed class IpPartitionActor : EntityPartitionActor<IpBehaviour>
{
    public const string PersistencePrefix = "ip-";
    private readonly IGeoIpLookup _geo;
    private readonly EntityPartitioner _userPartitions;
    private readonly Func<IActorRef> _userRegion, _scorers;

    public IpPartitionActor(string partition, EntityPartitioner userPartitions, Func<IActorRef> userRegion, Func<IActorRef> scorers,
        Func<IActorRef> store, IGeoIpLookup? geo = null, EntitySnapshotPolicy? policy = null, TimeSpan? idleAfter = null,
        StoredKeyFilter? storedKeys = null)
        : base(partition, PersistencePrefix, policy, idleAfter, store, storedKeys)
    {
        _geo = geo ?? NoGeoIpLookup.Instance;
        _userPartitions = userPartitions;
        _userRegion = userRegion;
        _scorers = scorers;
        ReceiveForEntities<IpEvents>(static m => m.Items.Count, static (m, i) => m.Items[i].Event.SourceIp!,
            static (m, positions) => m with { Items = ItemsAt(m.Items, positions) }, (m, _) => Handle(m));
        ReceiveForEntity<GetIpProfile>(static m => m.Key, (m, sender) => sender.Tell(IpProfiles.Of(m.Key, Read(m.Key))));
    }

    protected override IpBehaviour NewState() => new();

    protected override ISiemMessage Snapshot(IpBehaviour state) => new IpEntitySnapshot(0, state.ToSnapshot());

    protected override IpBehaviour Restore(object snapshot) =>
        snapshot is IpEntitySnapshot s ? IpBehaviour.FromSnapshot(s.State) : throw new InvalidOperationException($"not an ip snapshot: {snapshot.GetType().Name}");

    private void Handle(IpEvents m)
    {
        Dictionary<string, List<EntityItem>>? byUser = null;
        List<EntityItem>? done = null;
        foreach (var original in m.Items)
        {
            var ip = original.Event.SourceIp!;
            var state = Change(ip);
            // The user entity reads the country from the event, so it is set here, before the hand-over.
            var ev = FeatureExtractor.WithCountry(state, ip, original.Event, _geo);
            var item = ReferenceEquals(ev, original.Event) ? original : original with { Event = ev };
            state.Observe(ev, item.Features);
            if (ev.UserName is { } user)
            {
                EntityFanOut.Add(ref byUser, _userPartitions.IdOf(user), item);
            }
            else
            {
                FeatureExtractor.UserDefaults(item.Features);
                (done ??= new List<EntityItem>(m.Items.Count)).Add(item);
            }
        }
        if (byUser is not null)
        {
            var users = _userRegion();
            foreach (var (partition, items) in byUser) users.Tell(new UserEvents(partition, m.ReplyTo, m.Detail, items));
        }
        if (done is not null) _scorers().Tell(new ScoreEvents(m.ReplyTo, m.Detail, done));
    }
}

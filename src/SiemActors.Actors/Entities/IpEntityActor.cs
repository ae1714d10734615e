using Akka.Actor;
using Akka.Persistence;
using SiemActors.Actors.Scoring;
using SiemActors.Domain.Entities;
using SiemActors.Domain.Geo;

namespace SiemActors.Actors.Entities;

/// <summary>
/// The sharded entity of one source IP. Resolves its own country once per activation, sets it on each event,
/// folds the event into <see cref="IpBehaviour"/>, then hands the events on: to the user entity when the event
/// names a user (which completes the vector), else straight to the local scorers. State survives passivation
/// and restarts as snapshots (<see cref="SnapshottingEntity"/>).
/// </summary>
public sealed class IpEntityActor : SnapshottingEntity
{
    public const string PersistencePrefix = "ip-";
    private readonly string _ip;
    private readonly IGeoIpLookup _geo;
    private IpBehaviour _state = new();

    public IpEntityActor(string ip, Func<IActorRef> userRegion, Func<IActorRef> scorers)
        : this(ip, userRegion, scorers, null, null) { }

    public IpEntityActor(string ip, Func<IActorRef> userRegion, Func<IActorRef> scorers, IGeoIpLookup? geo, EntitySnapshotPolicy? policy)
        : base(PersistencePrefix + ip, policy)
    {
        _ip = ip;
        _geo = geo ?? NoGeoIpLookup.Instance;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is not IpEntitySnapshot s) return;
            _state = IpBehaviour.FromSnapshot(s.State);
            Restored(s.Generation);
        });
        Command<IpEvents>(m => Handle(m, userRegion(), scorers()));
        Command<GetIpProfile>(_ => Sender.Tell(IpProfiles.Of(_ip, _state)));
    }

    protected override object Snapshot(long generation) => new IpEntitySnapshot(generation, _state.ToSnapshot());

    private void Handle(IpEvents m, IActorRef userRegion, IActorRef scorers)
    {
        Dictionary<string, List<EntityItem>>? byUser = null;
        List<EntityItem>? done = null;
        foreach (var original in m.Items)
        {
            // The user entity reads the country from the event, so it is set here, before the hand-over.
            var ev = FeatureExtractor.WithCountry(_state, _ip, original.Event, _geo);
            var item = ReferenceEquals(ev, original.Event) ? original : original with { Event = ev };
            _state.Observe(ev, item.Features);
            if (ev.UserName is { } user)
            {
                byUser ??= new Dictionary<string, List<EntityItem>>(StringComparer.Ordinal);
                if (!byUser.TryGetValue(user, out var list)) byUser[user] = list = new List<EntityItem>(4);
                list.Add(item);
            }
            else
            {
                FeatureExtractor.UserDefaults(item.Features);
                (done ??= new List<EntityItem>(m.Items.Count)).Add(item);
            }
        }
        if (byUser is not null)
            foreach (var (user, items) in byUser) userRegion.Tell(new UserEvents(user, m.ReplyTo, m.Detail, items));
        if (done is not null) scorers.Tell(new ScoreEvents(m.ReplyTo, m.Detail, done));
        Observed(m.Items.Count);
    }
}

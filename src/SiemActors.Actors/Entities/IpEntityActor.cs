using Akka.Actor;
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

    private readonly Func<IActorRef> _userRegion, _scorers;

    public IpEntityActor(string ip, Func<IActorRef> userRegion, Func<IActorRef> scorers, Func<IActorRef> store,
        IGeoIpLookup? geo = null, EntitySnapshotPolicy? policy = null)
        : base(PersistencePrefix + ip, policy, store)
    {
        _ip = ip;
        _geo = geo ?? NoGeoIpLookup.Instance;
        _userRegion = userRegion;
        _scorers = scorers;
    }

    protected override void Active()
    {
        Receive<IpEvents>(m => Handle(m, _userRegion(), _scorers()));
        Receive<GetIpProfile>(_ => Sender.Tell(IpProfiles.Of(_ip, _state)));
    }

    protected override object Snapshot() => new IpEntitySnapshot(0, _state.ToSnapshot());

    protected override void Restore(object snapshot)
    {
        if (snapshot is IpEntitySnapshot s) _state = IpBehaviour.FromSnapshot(s.State);
    }

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
                EntityFanOut.Add(ref byUser, user, item);
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

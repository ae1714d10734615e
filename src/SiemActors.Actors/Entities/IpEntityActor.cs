using Akka.Actor;
using SiemActors.Actors.Scoring;
using SiemActors.Domain.Entities;

namespace SiemActors.Actors.Entities;

/// <summary>
/// The sharded entity of one source IP. Folds each event into <see cref="IpBehaviour"/>, then hands the
/// events on: to the user entity when the event names a user (which completes the vector), else
/// straight to the local scorers.
/// </summary>
public sealed class IpEntityActor : ReceiveActor
{
    private readonly string _ip;
    private readonly IpBehaviour _state = new();

    public IpEntityActor(string ip, Func<IActorRef> userRegion, Func<IActorRef> scorers)
    {
        _ip = ip;
        Receive<IpEvents>(m => Handle(m, userRegion(), scorers()));
        Receive<GetIpProfile>(_ => Sender.Tell(Profile()));
    }

    private void Handle(IpEvents m, IActorRef userRegion, IActorRef scorers)
    {
        Dictionary<string, List<EntityItem>>? byUser = null;
        List<EntityItem>? done = null;
        foreach (var item in m.Items)
        {
            _state.Observe(item.Event, item.Features);
            if (item.Event.UserName is { } user)
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
    }

    private IpProfile Profile()
    {
        var now = _state.LastSeen == long.MinValue ? 0 : _state.LastSeen;
        var w = _state.WindowsAt(now);
        var windows = new Dictionary<string, long>
        {
            ["attempts_1m"] = w.Attempts1m, ["attempts_10m"] = w.Attempts10m,
            ["failures_1m"] = w.Failures1m, ["failures_10m"] = w.Failures10m,
            ["requests_1m"] = w.Requests1m, ["requests_10m"] = w.Requests10m,
            ["errors_4xx_10m"] = w.Errors4xx10m, ["errors_5xx_10m"] = w.Errors5xx10m, ["bytes_10m"] = w.Bytes10m,
        };
        return new IpProfile(_ip, _state.TotalEvents, ProfileTime.FromUnix(_state.FirstSeen), ProfileTime.FromUnix(_state.LastSeen),
            windows, ProfileTime.Seen(_state.UsersTried), ProfileTime.Seen(_state.UserAgents));
    }
}

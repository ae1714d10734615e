using Akka.Actor;
using SiemActors.Actors.Scoring;
using SiemActors.Domain.Entities;

namespace SiemActors.Actors.Entities;

/// <summary>The sharded entity of one account: folds events into <see cref="UserBehaviour"/> and sends the completed vectors to the local scorers.</summary>
public sealed class UserEntityActor : ReceiveActor
{
    private readonly string _user;
    private readonly UserBehaviour _state = new();

    public UserEntityActor(string user, Func<IActorRef> scorers)
    {
        _user = user;
        Receive<UserEvents>(m =>
        {
            foreach (var item in m.Items) _state.Observe(item.Event, item.Features);
            scorers().Tell(new ScoreEvents(m.ReplyTo, m.Detail, m.Items));
        });
        Receive<GetUserProfile>(_ => Sender.Tell(Profile()));
    }

    private UserProfile Profile() => new(
        _user,
        ProfileTime.FromUnix(_state.LastSeen),
        ProfileTime.FromUnix(_state.LastSuccess),
        _state.LastSuccessIp,
        _state.LastSuccessCountry,
        _state.FailuresSinceSuccess,
        _state.IsPrivileged,
        ProfileTime.Seen(_state.KnownIps),
        ProfileTime.Seen(_state.KnownCountries),
        _state.LoginHours.ToArray());
}

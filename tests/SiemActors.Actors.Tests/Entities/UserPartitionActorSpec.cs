using Akka.Actor;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Actors.Tests.Entities;

public sealed class UserEntityActorSpec : SiemTestKit
{
    private IActorRef Store => _store ??= Sys.ActorOf(Actors.Entities.State.EntityStateStoreActor.Props(new Actors.Entities.State.InMemoryEntityStateRepository()));
    private IActorRef? _store;

    [Fact]
    public void A_success_after_failures_from_a_new_ip_is_flagged_in_the_vector()
    {
        var scorers = CreateTestProbe();
        var entity = Sys.ActorOf(Props.Create(() => new UserEntityActor("alice", () => scorers.Ref, () => Store)));
        var t = TestEvents.T0;
        EntityItem Item(int i, Domain.Events.LogEvent ev) => new(i, ev, FeatureNames.NewVector());

        entity.Tell(new UserEvents("alice", TestActor, VerdictDetail.None, [Item(0, TestEvents.Login("10.0.0.5", "alice", t))]));
        entity.Tell(new UserEvents("alice", TestActor, VerdictDetail.None,
            [.. Enumerable.Range(1, 6).Select(i => Item(i, TestEvents.FailedLogin("203.0.113.50", "alice", t.AddMinutes(i))))]));
        entity.Tell(new UserEvents("alice", TestActor, VerdictDetail.None, [Item(7, TestEvents.Login("203.0.113.50", "alice", t.AddMinutes(8)))]));

        var first = scorers.ExpectMsg<ScoreEvents>().Items.Single().Features;
        Assert.Equal(0, first[FeatureNames.IsKnownIp]);
        var failures = scorers.ExpectMsg<ScoreEvents>().Items;
        Assert.Equal(6, failures[^1].Features[FeatureNames.FailuresSinceSuccess]);
        var success = scorers.ExpectMsg<ScoreEvents>().Items.Single().Features;
        Assert.Equal(6, success[FeatureNames.SuccessAfterFailures]);
        Assert.Equal(0, success[FeatureNames.IsKnownIp]);
        Assert.Equal(2, success[FeatureNames.UniqueIps]);

        entity.Tell(new GetUserProfile("alice"));
        var profile = ExpectMsg<UserProfile>();
        Assert.Equal("203.0.113.50", profile.LastSuccessIp);
        Assert.Equal(0, profile.FailuresSinceSuccess);
        Assert.Equal(2, profile.KnownIps.Count);
    }
}

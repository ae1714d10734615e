using Akka.Actor;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Entities.State;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Actors.Tests.Entities;

public sealed class UserPartitionActorSpec : SiemTestKit
{
    private IActorRef Store => _store ??= Sys.ActorOf(EntityStateStoreActor.Props(new InMemoryEntityStateRepository()));
    private IActorRef? _store;

    [Fact]
    public void A_success_after_failures_from_a_new_ip_is_flagged_in_the_vector_and_other_users_stay_apart()
    {
        var scorers = CreateTestProbe();
        var store = Store;
        var partition = Sys.ActorOf(Props.Create(() => new UserPartitionActor("3", () => scorers.Ref, () => store, null, null)));
        var t = TestEvents.T0;
        EntityItem Item(int i, Domain.Events.LogEvent ev) => new(i, ev, FeatureNames.NewVector());

        partition.Tell(new UserEvents("3", TestActor, VerdictDetail.None, [Item(0, TestEvents.Login("10.0.0.5", "alice", t)), Item(1, TestEvents.Login("10.0.0.9", "bob", t))]));
        partition.Tell(new UserEvents("3", TestActor, VerdictDetail.None,
            [.. Enumerable.Range(2, 6).Select(i => Item(i, TestEvents.FailedLogin("203.0.113.50", "alice", t.AddMinutes(i))))]));
        partition.Tell(new UserEvents("3", TestActor, VerdictDetail.None,
            [Item(8, TestEvents.Login("203.0.113.50", "alice", t.AddMinutes(9))), Item(9, TestEvents.Login("10.0.0.9", "bob", t.AddMinutes(9)))]));

        // New entities load one by one, so messages may reach the scorers in parts: collect all ten events by index.
        var scored = new List<EntityItem>();
        while (scored.Count < 10) scored.AddRange(scorers.ExpectMsg<ScoreEvents>().Items);
        var byIndex = scored.OrderBy(i => i.Index).ToList();
        Assert.Equal(Enumerable.Range(0, 10), byIndex.Select(i => i.Index));
        var first = byIndex[..2];
        Assert.All(first, i => Assert.Equal(0, i.Features[FeatureNames.IsKnownIp]));
        var failures = byIndex[2..8];
        Assert.Equal(6, failures[^1].Features[FeatureNames.FailuresSinceSuccess]);
        var last = byIndex[8..];
        var alice = last.Single(i => i.Event.UserName == "alice").Features;
        Assert.Equal(6, alice[FeatureNames.SuccessAfterFailures]);
        Assert.Equal(0, alice[FeatureNames.IsKnownIp]);
        Assert.Equal(2, alice[FeatureNames.UniqueIps]);
        var bob = last.Single(i => i.Event.UserName == "bob").Features;
        Assert.Equal(0, bob[FeatureNames.SuccessAfterFailures]);
        Assert.Equal(1, bob[FeatureNames.IsKnownIp]);

        partition.Tell(new GetUserProfile("alice"));
        var profile = ExpectMsg<UserProfile>();
        Assert.Equal("203.0.113.50", profile.LastSuccessIp);
        Assert.Equal(0, profile.FailuresSinceSuccess);
        Assert.Equal(2, profile.KnownIps.Count);
    }
}

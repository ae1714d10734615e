using Akka.Actor;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Actors.Tests.Entities;

public sealed class IpEntityActorSpec : SiemTestKit
{
    private IActorRef Store => _store ??= Sys.ActorOf(Actors.Entities.State.EntityStateStoreActor.Props(new Actors.Entities.State.InMemoryEntityStateRepository()));
    private IActorRef? _store;

    [Fact]
    public void Counts_failures_across_batches_and_hands_events_with_a_user_to_that_user()
    {
        var users = CreateTestProbe();
        var scorers = CreateTestProbe();
        var collector = CreateTestProbe();
        var entity = Sys.ActorOf(Props.Create(() => new IpEntityActor("45.142.212.61", () => users.Ref, () => scorers.Ref, () => Store)));

        for (var batch = 0; batch < 2; batch++)
        {
            var items = Enumerable.Range(0, 6).Select(i =>
                {
                    var n = batch * 6 + i;
                    var ev = TestEvents.FailedLogin("45.142.212.61", n % 2 == 0 ? "admin" : "root", TestEvents.T0.AddSeconds(n * 3));
                    return new EntityItem(n, ev, FeatureNames.NewVector());
                }).ToList();
            entity.Tell(new IpEvents("45.142.212.61", collector.Ref, VerdictDetail.None, items));
        }

        var messages = Enumerable.Range(0, 4).Select(_ => users.ExpectMsg<UserEvents>()).ToList();
        var all = messages.SelectMany(m => m.Items).OrderBy(i => i.Index).ToList();
        Assert.Equal(12, all.Count);
        Assert.Equal(12, all[^1].Features[FeatureNames.FailedLogins1m]);
        Assert.Equal(1, all[0].Features[FeatureNames.FailedLogins1m]);
        Assert.Equal(2, all[^1].Features[FeatureNames.UniqueUsers]);
        Assert.Equal(1, all[^1].Features[FeatureNames.FailedAuthRate]);
        Assert.All(messages, m => Assert.Equal(collector.Ref, m.ReplyTo));
        scorers.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Events_without_a_user_are_complete_and_go_to_the_scorers_with_user_defaults()
    {
        var users = CreateTestProbe();
        var scorers = CreateTestProbe();
        var entity = Sys.ActorOf(Props.Create(() => new IpEntityActor("198.51.100.7", () => users.Ref, () => scorers.Ref, () => Store)));
        var ev = TestEvents.WebRequest("198.51.100.7", "/index.html", 404, TestEvents.T0);

        entity.Tell(new IpEvents("198.51.100.7", TestActor, VerdictDetail.All, [new EntityItem(0, ev, FeatureNames.NewVector())]));

        var m = scorers.ExpectMsg<ScoreEvents>();
        var f = Assert.Single(m.Items).Features;
        Assert.Equal(1, f[FeatureNames.Error4xxRate]);
        Assert.Equal(1, f[FeatureNames.IsKnownIp]);
        Assert.Equal(VerdictDetail.All, m.Detail);
    }

    [Fact]
    public void Profile_reports_windows_and_users_tried()
    {
        var entity = Sys.ActorOf(Props.Create(() => new IpEntityActor("45.142.212.61", () => ActorRefs.Nobody, () => ActorRefs.Nobody, () => Store)));
        var items = Enumerable.Range(0, 3)
            .Select(i => new EntityItem(i, TestEvents.FailedLogin("45.142.212.61", "admin", TestEvents.T0.AddSeconds(i)), FeatureNames.NewVector()))
            .ToList();
        entity.Tell(new IpEvents("45.142.212.61", ActorRefs.Nobody, VerdictDetail.None, items));
        entity.Tell(new GetIpProfile("45.142.212.61"));

        var profile = ExpectMsg<IpProfile>();
        Assert.Equal(3, profile.TotalEvents);
        Assert.Equal(3, profile.Windows["failures_1m"]);
        Assert.Equal("admin", Assert.Single(profile.UsersTried).Value);
    }
}

using Akka.Actor;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting;

public sealed class AlertEntityActorSpec : SiemTestKit
{
    private readonly string Db;

    // The plugin injects its default settings when its extension starts; hosting does that in the node.
    public AlertEntityActorSpec() : this(PersistenceConfig.NewDatabaseFile()) { }

    private AlertEntityActorSpec(string db) : base(PersistenceConfig.Sqlite(db))
    {
        Db = db;
        Akka.Persistence.Sql.SqlPersistence.Get(Sys);
    }

    // The first write creates the schema.
    private static readonly TimeSpan FirstWrite = TimeSpan.FromSeconds(15);

    private static AlertCandidate Candidate(int i, RiskLevel level = RiskLevel.High, string ip = "45.142.212.61") => new(
        $"ip:{ip}", "ip", ip, "brute_force", level == RiskLevel.Critical ? 0.95 : 0.8, level, RecommendedAction.BlockIp,
        [$"{i + 10} failed logins from this IP in the last minute"], TestEvents.T0.AddSeconds(i),
        $"Failed password for admin from {ip} port 22 ssh2 #{i}");

    private IActorRef Entity(string id, AlertOptions options, IActorRef delivery) =>
        Sys.ActorOf(Props.Create(() => new AlertEntityActor(id, options, () => delivery)));

    [Fact]
    public void Twenty_verdicts_of_one_attack_post_once()
    {
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromMilliseconds(100), UpdateCooldown = TimeSpan.FromHours(1) };
        var entity = Entity("ip:45.142.212.61", options, delivery.Ref);

        for (var i = 0; i < 20; i++) entity.Tell(Candidate(i));

        var first = delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification;
        Assert.False(first.IsUpdate);
        Assert.Equal(1, first.Revision);
        Assert.Equal("brute_force", first.Scenario);
        Assert.Equal("45.142.212.61", first.EntityKey);
        delivery.ExpectNoMsg(TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public void Folded_updates_post_once_per_cooldown_with_the_count()
    {
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromMilliseconds(50), UpdateCooldown = TimeSpan.FromMilliseconds(400) };
        var entity = Entity("ip:198.51.100.1", options, delivery.Ref);

        for (var i = 0; i < 20; i++) entity.Tell(Candidate(i, ip: "198.51.100.1"));

        Assert.Equal(1, delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification.Revision);
        var update = delivery.ExpectMsg<DeliverAlert>(TimeSpan.FromSeconds(5)).Notification;
        Assert.True(update.IsUpdate);
        Assert.Equal(2, update.Revision);
        Assert.Equal(20, update.EventCount);
        Assert.Equal(3, update.SampleLines.Count);
        delivery.ExpectNoMsg(TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public void An_escalation_posts_at_once()
    {
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromSeconds(30), UpdateCooldown = TimeSpan.FromHours(1) };
        var entity = Entity("ip:198.51.100.2", options, delivery.Ref);

        entity.Tell(Candidate(0, RiskLevel.High, "198.51.100.2"));
        entity.Tell(Candidate(1, RiskLevel.High, "198.51.100.2"));
        entity.Tell(Candidate(2, RiskLevel.Critical, "198.51.100.2"));

        Assert.Equal(RiskLevel.High, delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification.Level);
        var escalated = delivery.ExpectMsg<DeliverAlert>(TimeSpan.FromSeconds(2)).Notification;
        Assert.Equal(RiskLevel.Critical, escalated.Level);
        Assert.True(escalated.IsUpdate);
        Assert.Equal(3, escalated.EventCount);
    }

    [Fact]
    public void An_undelivered_revision_is_delivered_again_after_a_restart_and_a_delivered_one_is_not()
    {
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromSeconds(30) };
        const string id = "ip:198.51.100.3";

        var entity = Entity(id, options, delivery.Ref);
        entity.Tell(Candidate(0, ip: "198.51.100.3"));
        var original = delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification;
        Watch(entity);
        entity.Tell(PoisonPill.Instance);
        ExpectTerminated(entity);

        var revived = Entity(id, options, delivery.Ref);
        var resumed = delivery.ExpectMsg<DeliverAlert>(TimeSpan.FromSeconds(10)).Notification;
        Assert.Equal(original.AlertId, resumed.AlertId);
        Assert.Equal(original.Revision, resumed.Revision);
        Assert.True(resumed.IsRepeat);

        revived.Tell(new AlertDeliveryEnded(id, resumed.AlertId, resumed.Revision, true, null));
        Watch(revived);
        revived.Tell(PoisonPill.Instance);
        ExpectTerminated(revived);
        Entity(id, options, delivery.Ref);
        delivery.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Folds_not_yet_flushed_are_written_when_the_shard_stops_the_entity_and_a_poison_pill_loses_them()
    {
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromHours(1), UpdateCooldown = TimeSpan.FromHours(1) };

        long CountAfterRestart(string ip, object stop)
        {
            var id = $"ip:{ip}";
            var entity = Entity(id, options, delivery.Ref);
            for (var i = 0; i < 5; i++) entity.Tell(Candidate(i, ip: ip));
            var posted = delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification;
            entity.Tell(new AlertDeliveryEnded(id, posted.AlertId, posted.Revision, true, null));
            Watch(entity);
            entity.Tell(stop);
            ExpectTerminated(entity);
            // An escalation after the restart posts the count the journal held plus itself.
            Entity(id, options, delivery.Ref).Tell(Candidate(9, RiskLevel.Critical, ip));
            return delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification.EventCount;
        }

        Assert.Equal(6, CountAfterRestart("198.51.100.5", SiemActors.Actors.Entities.StopEntity.Instance));
        Assert.Equal(2, CountAfterRestart("198.51.100.6", PoisonPill.Instance));
    }

    [Fact]
    public void A_rule_that_names_an_open_model_only_anomaly_joins_its_incident_instead_of_opening_another()
    {
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromMilliseconds(50), UpdateCooldown = TimeSpan.FromHours(1) };
        var entity = Entity("ip:198.51.100.4", options, delivery.Ref);

        entity.Tell(Candidate(0, ip: "198.51.100.4") with { Scenario = AlertEntityActor.AnomalyScenario });
        var first = delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification;
        Assert.Equal("anomaly", first.Scenario);
        for (var i = 1; i < 10; i++) entity.Tell(Candidate(i, ip: "198.51.100.4"));
        entity.Tell(Candidate(10, ip: "198.51.100.4") with { Scenario = AlertEntityActor.AnomalyScenario });

        delivery.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Watch(entity);
        entity.Tell(PoisonPill.Instance);
        ExpectTerminated(entity);
        // The recovered incident carries the rule's name and every folded event; its one revision was never confirmed, so it resumes.
        Entity("ip:198.51.100.4", options, delivery.Ref);
        var resumed = delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification;
        Assert.Equal(first.AlertId, resumed.AlertId);
        Assert.Equal("brute_force", resumed.Scenario);
        Assert.Equal(11, resumed.EventCount);
        delivery.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        PersistenceConfig.DeleteDatabaseFile(Db);
    }
}

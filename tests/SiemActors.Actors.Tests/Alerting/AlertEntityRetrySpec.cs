using Akka.Actor;
using Microsoft.Data.Sqlite;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting;

/// <summary>An incident the journal fails to write is not lost: the journal is a real SQLite file whose table goes away for a while.</summary>
public sealed class AlertEntityRetrySpec : SiemTestKit
{
    private static readonly TimeSpan FirstWrite = TimeSpan.FromSeconds(15);
    private static readonly AlertOptions Options = new() { FlushInterval = TimeSpan.FromSeconds(30), UpdateCooldown = TimeSpan.FromHours(1) };
    private readonly string _db;

    public AlertEntityRetrySpec() : this(PersistenceConfig.NewDatabaseFile()) { }

    private AlertEntityRetrySpec(string db) : base(PersistenceConfig.Sqlite(db))
    {
        _db = db;
        Akka.Persistence.Sql.SqlPersistence.Get(Sys);
    }

    private static AlertCandidate Candidate(string ip, int i) => new(
        $"ip:{ip}", "ip", ip, "brute_force", 0.8, RiskLevel.High, RecommendedAction.BlockIp,
        ["12 failed logins from this IP in the last minute"], TestEvents.T0.AddSeconds(i), $"Failed password for admin from {ip} port 22 ssh2");

    private IActorRef Entity(string id, IActorRef delivery, IActorRef region) =>
        Sys.ActorOf(Props.Create(() => new AlertEntityActor(id, Options, () => delivery, AlertRouting.Single(AlertEntityActor.DefaultChannel),
            SuppressionPolicy.From(Options.Suppress), () => region)));

    /// <summary>Asks about an unknown alert: the answer comes once the entity has recovered.</summary>
    private void AwaitRecovered(IActorRef entity, string id)
    {
        entity.Tell(new AcknowledgeIncident(id, "no-such-alert", "test", null));
        Assert.Equal(AckOutcome.NotFound, ExpectMsg<IncidentAckResult>(FirstWrite).Outcome);
    }

    private void Sql(string statement)
    {
        using var connection = new SqliteConnection($"Data Source={_db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = statement;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void An_incident_whose_write_fails_comes_back_through_the_region_and_is_recorded_and_posted_once_the_journal_works()
    {
        var delivery = CreateTestProbe();
        var region = CreateTestProbe();
        // The journal's table exists: an alert of another entity is written first.
        Entity("ip:198.51.100.40", delivery.Ref, region.Ref).Tell(Candidate("198.51.100.40", 0));
        delivery.ExpectMsg<DeliverAlert>(FirstWrite);

        const string id = "ip:198.51.100.41";
        var entity = Entity(id, delivery.Ref, region.Ref);
        AwaitRecovered(entity, id);
        Watch(entity);
        Sql("ALTER TABLE event_journal RENAME TO event_journal_away");

        entity.Tell(Candidate("198.51.100.41", 1));

        ExpectTerminated(entity, FirstWrite); // Akka.Persistence stops an entity whose write failed
        var retry = region.ExpectMsg<RetryIncident>(TimeSpan.FromSeconds(10));
        Assert.Equal((id, 1, true, 1, 1), (retry.EntityId, retry.State.Revision, retry.Deliver, retry.Attempt, retry.State.EventCount));
        delivery.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // never posted before it is written

        Sql("ALTER TABLE event_journal_away RENAME TO event_journal");
        var restarted = Entity(id, delivery.Ref, region.Ref);
        restarted.Tell(retry);

        var posted = delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification;
        Assert.Equal((retry.State.AlertId, 1), (posted.AlertId, posted.Revision));

        // Written: another instance recovers it; the same retry once more changes nothing.
        restarted.Tell(new AlertDeliveryEnded(id, posted.AlertId, 1, Delivered: true, Error: null, AlertEntityActor.DefaultChannel));
        AwaitRecovered(restarted, id); // and the delivery recorded
        Watch(restarted);
        Sys.Stop(restarted);
        ExpectTerminated(restarted);
        var recovered = Entity(id, delivery.Ref, region.Ref);
        recovered.Tell(retry);
        recovered.Tell(new AcknowledgeIncident(id, retry.State.AlertId, "alice", "blocked"));
        Assert.Equal(AckOutcome.Acknowledged, ExpectMsg<IncidentAckResult>(FirstWrite).Outcome);
        delivery.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        region.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_retry_is_dropped_when_a_newer_incident_of_its_scenario_was_raised_meanwhile()
    {
        var delivery = CreateTestProbe();
        var region = CreateTestProbe();
        const string id = "ip:198.51.100.42";
        var entity = Entity(id, delivery.Ref, region.Ref);
        entity.Tell(Candidate("198.51.100.42", 5));
        var newer = delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification;

        var failed = IncidentState.Open(Candidate("198.51.100.42", 2));
        entity.Tell(new RetryIncident(id, failed, Deliver: true, Attempt: 1));

        delivery.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.NotEqual(newer.AlertId, failed.AlertId);
    }

    [Fact]
    public void Retries_back_off_from_one_second_to_a_minute()
    {
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 60, 60],
            new[] { 1, 2, 3, 4, 5, 6, 7, 40 }.Select(a => (int)AlertEntityActor.RetryDelay(a).TotalSeconds));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        PersistenceConfig.DeleteDatabaseFile(_db);
    }
}

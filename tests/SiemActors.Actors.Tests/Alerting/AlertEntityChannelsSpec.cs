using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting;

/// <summary>The alert entity with routing, suppression and acknowledgement, on real SQLite.</summary>
public sealed class AlertEntityChannelsSpec : SiemTestKit
{
    private readonly string _db;
    private static readonly TimeSpan FirstWrite = TimeSpan.FromSeconds(15);
    private static readonly AlertRouting SlackAndPagerDuty = new([("slack", false), ("pagerduty", true)]);

    public AlertEntityChannelsSpec() : this(PersistenceConfig.NewDatabaseFile()) { }

    private AlertEntityChannelsSpec(string db) : base(PersistenceConfig.Sqlite(db))
    {
        _db = db;
        Akka.Persistence.Sql.SqlPersistence.Get(Sys);
    }

    private static AlertCandidate Candidate(string ip, int second, RiskLevel level = RiskLevel.High, string? user = null) => new(
        $"ip:{ip}", "ip", ip, "brute_force", level == RiskLevel.Critical ? 0.95 : 0.8, level, RecommendedAction.BlockIp,
        ["failed logins"], TestEvents.T0.AddSeconds(second), $"Failed password for admin from {ip} port 22 ssh2 #{second}", user);

    private IActorRef Entity(string ip, AlertOptions options, IActorRef delivery, AlertRouting routing, SuppressionPolicy? suppression = null) =>
        Sys.ActorOf(Props.Create(() => new AlertEntityActor($"ip:{ip}", options, () => delivery, routing, suppression ?? SuppressionPolicy.None)));

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Allow_listed_candidates_are_recorded_once_per_flush_and_never_delivered()
    {
        const string ip = "10.1.2.3";
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromMilliseconds(100) };
        var policy = SuppressionPolicy.From(new SuppressionOptions { Networks = ["10.0.0.0/8"] });
        var entity = Entity(ip, options, delivery.Ref, SlackAndPagerDuty, policy);

        for (var i = 0; i < 20; i++) entity.Tell(Candidate(ip, i));

        AlertsSuppressed recorded = null!;
        AwaitAssert(() => recorded = Assert.Single(Journal("alert-ip:" + ip).OfType<AlertsSuppressed>()),
            FirstWrite, TimeSpan.FromMilliseconds(200));
        Assert.Equal(20, recorded.Count);
        Assert.Equal(SuppressionPolicy.NetworkRule, recorded.Rule);
        Assert.Equal(TestEvents.T0, recorded.FirstSeen);
        Assert.Equal(TestEvents.T0.AddSeconds(19), recorded.LastSeen);
        Assert.DoesNotContain(Journal("alert-ip:" + ip), e => e is IncidentRecorded);
        delivery.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task An_acknowledged_incident_posts_no_updates_until_it_escalates_and_is_resolved_where_it_paged()
    {
        const string ip = "198.51.100.20";
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromMilliseconds(50), UpdateCooldown = TimeSpan.FromMilliseconds(300) };
        var entity = Entity(ip, options, delivery.Ref, SlackAndPagerDuty);

        entity.Tell(Candidate(ip, 0));
        var first = delivery.ExpectMsg<DeliverAlert>(FirstWrite);
        Assert.Equal(["slack", "pagerduty"], first.Channels);

        var ack = (await entity.Ask<IncidentAckResult>(new AcknowledgeIncident($"ip:{ip}", first.Notification.AlertId, "alice", "blocked at the edge"), TimeSpan.FromSeconds(10)));
        Assert.Equal(AckOutcome.Acknowledged, ack.Outcome);
        Assert.Equal("alice", ack.Ack!.By);
        var resolve = delivery.ExpectMsg<ResolveAlert>();
        Assert.Equal(first.Notification.AlertId, resolve.AlertId);
        Assert.Equal(["pagerduty"], resolve.Channels);

        for (var i = 1; i <= 10; i++) entity.Tell(Candidate(ip, i));
        delivery.ExpectNoMsg(TimeSpan.FromMilliseconds(1200)); // four cooldowns: no update while acknowledged

        var again = (await entity.Ask<IncidentAckResult>(new AcknowledgeIncident($"ip:{ip}", first.Notification.AlertId, "bob", null), TimeSpan.FromSeconds(10)));
        Assert.Equal(AckOutcome.AlreadyAcknowledged, again.Outcome);
        Assert.Equal("alice", again.Ack!.By);

        entity.Tell(Candidate(ip, 11, RiskLevel.Critical));
        var escalated = delivery.ExpectMsg<DeliverAlert>(TimeSpan.FromSeconds(5)).Notification;
        Assert.Equal(RiskLevel.Critical, escalated.Level);
        Assert.Equal(12, escalated.EventCount);
        // Escalated past the acknowledged level: folded updates post again.
        entity.Tell(Candidate(ip, 12, RiskLevel.Critical));
        Assert.Equal(13, delivery.ExpectMsg<DeliverAlert>(TimeSpan.FromSeconds(5)).Notification.EventCount);
    }

    [Fact]
    public async Task After_a_restart_only_the_channels_that_have_not_confirmed_a_revision_get_it_again()
    {
        const string ip = "198.51.100.21";
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromSeconds(30) };
        var routing = new AlertRouting([("slack", false), ("webhook", false)]);
        var entity = Entity(ip, options, delivery.Ref, routing);

        entity.Tell(Candidate(ip, 0));
        var sent = delivery.ExpectMsg<DeliverAlert>(FirstWrite);
        Assert.Equal(["slack", "webhook"], sent.Channels);
        entity.Tell(new AlertDeliveryEnded($"ip:{ip}", sent.Notification.AlertId, 1, true, null, "slack"));
        // Answered only after the delivery above is persisted (commands wait while an event is written).
        Assert.Equal(AckOutcome.NotFound, (await entity.Ask<IncidentAckResult>(new AcknowledgeIncident($"ip:{ip}", "no-such-alert", "x", null), TimeSpan.FromSeconds(10))).Outcome);
        Stop(entity);

        var revived = Entity(ip, options, delivery.Ref, routing);
        var resumed = delivery.ExpectMsg<DeliverAlert>(TimeSpan.FromSeconds(10));
        Assert.Equal(["webhook"], resumed.Channels);
        Assert.True(resumed.Notification.IsRepeat);
        Assert.Equal(sent.Notification.IdempotencyKey, resumed.Notification.IdempotencyKey);

        revived.Tell(new AlertDeliveryEnded($"ip:{ip}", sent.Notification.AlertId, 1, true, null, "webhook"));
        Assert.Equal(AckOutcome.NotFound, (await revived.Ask<IncidentAckResult>(new AcknowledgeIncident($"ip:{ip}", "no-such-alert", "x", null), TimeSpan.FromSeconds(10))).Outcome);
        Stop(revived);
        Entity(ip, options, delivery.Ref, routing);
        delivery.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_new_incident_of_the_same_scenario_closes_the_old_one_which_is_resolved_where_it_paged()
    {
        const string ip = "198.51.100.22";
        var delivery = CreateTestProbe();
        var options = new AlertOptions { FlushInterval = TimeSpan.FromSeconds(30), IncidentWindow = TimeSpan.FromHours(1) };
        var entity = Entity(ip, options, delivery.Ref, SlackAndPagerDuty);

        entity.Tell(Candidate(ip, 0));
        var old = delivery.ExpectMsg<DeliverAlert>(FirstWrite).Notification;
        entity.Tell(Candidate(ip, 3 * 3600));
        var fresh = delivery.ExpectMsg<DeliverAlert>().Notification;
        Assert.NotEqual(old.AlertId, fresh.AlertId);
        Assert.False(fresh.IsUpdate);
        var resolve = delivery.ExpectMsg<ResolveAlert>();
        Assert.Equal(old.AlertId, resolve.AlertId);
        Assert.Equal(["pagerduty"], resolve.Channels);

        // The resolve is owed until a channel reports it done: a restart sends it again.
        Stop(entity);
        var revived = Entity(ip, options, delivery.Ref, SlackAndPagerDuty);
        var afterRestart = delivery.ReceiveN(2, TimeSpan.FromSeconds(10));
        Assert.Contains(afterRestart, m => m is ResolveAlert r && r.AlertId == old.AlertId);
        Assert.Contains(afterRestart, m => m is DeliverAlert d && d.Notification.AlertId == fresh.AlertId); // never confirmed either
        revived.Tell(new AlertResolveEnded($"ip:{ip}", old.AlertId, "pagerduty", true, null));
        // A barrier: answered once the resolve above is persisted. The closed incident is no longer ackable.
        Assert.Equal(AckOutcome.NotFound, (await revived.Ask<IncidentAckResult>(new AcknowledgeIncident($"ip:{ip}", old.AlertId, "x", null), TimeSpan.FromSeconds(10))).Outcome);
        Stop(revived);
        Entity(ip, options, delivery.Ref, SlackAndPagerDuty);
        var last = delivery.ReceiveWhile<object>(TimeSpan.FromSeconds(1), m => m);
        Assert.DoesNotContain(last, m => m is ResolveAlert);
    }

    /// <summary>Every event persisted under <paramref name="persistenceId"/>, read by recovering a throw-away actor.</summary>
    private List<object> Journal(string persistenceId)
    {
        var reader = Sys.ActorOf(Props.Create(() => new JournalReader(persistenceId, TestActor)));
        var events = ExpectMsg<List<object>>(TimeSpan.FromSeconds(10));
        Sys.Stop(reader);
        return events;
    }

    private sealed class JournalReader : ReceivePersistentActor
    {
        private readonly List<object> _events = [];

        public JournalReader(string persistenceId, IActorRef replyTo)
        {
            PersistenceId = persistenceId;
            Recover<RecoveryCompleted>(_ => replyTo.Tell(_events.ToList()));
            RecoverAny(e => _events.Add(e));
        }

        public override string PersistenceId { get; }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        PersistenceConfig.DeleteDatabaseFile(_db);
    }
}

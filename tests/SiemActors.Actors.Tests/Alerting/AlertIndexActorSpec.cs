using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting;

/// <summary>The alert index keeps the newest incidents and drops the oldest in batches once it is over its capacity.</summary>
public sealed class AlertIndexActorSpec : IDisposable
{
    private const string ReadJournal = "akka.persistence.query.journal.sql";
    private readonly string _db = PersistenceConfig.NewDatabaseFile();
    private readonly ActorSystem _system;

    public AlertIndexActorSpec() => _system = ActorSystem.Create("index",
        ConfigurationFactory.ParseString(PersistenceConfig.Sqlite(_db)).WithFallback(SqlPersistence.DefaultConfiguration));

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static EventEnvelope Recorded(int i) => new(Offset.Sequence(i), $"alert-ip:10.0.{i / 256}.{i % 256}", 1,
        new IncidentRecorded(new IncidentState($"a{i:D6}", "ip", $"10.0.{i / 256}.{i % 256}", "brute_force", RiskLevel.High, 0.9, 0.9,
            RecommendedAction.BlockIp, [], T0.AddSeconds(i), T0.AddSeconds(i), 1, [], 1, RiskLevel.High, 1), Deliver: true), i, [AlertEntityActor.Tag]);

    private AlertList All(IActorRef index) => index.Ask<AlertList>(new QueryAlerts(null, null, null, int.MaxValue), TimeSpan.FromSeconds(20)).Result;

    [Fact]
    public void Holds_up_to_capacity_plus_slack_then_keeps_the_newest_capacity()
    {
        var index = _system.ActorOf(AlertIndexActor.Props(ReadJournal));
        var limit = AlertIndexActor.Capacity + AlertIndexActor.TrimSlack;
        for (var i = 0; i < limit; i++) index.Tell(Recorded(i));
        Assert.Equal(limit, All(index).Total);

        index.Tell(Recorded(limit));
        var kept = All(index);
        Assert.Equal(AlertIndexActor.Capacity, kept.Total);
        Assert.Equal($"a{limit:D6}", kept.Alerts[0].Incident.AlertId);                            // newest first
        Assert.Equal($"a{limit - AlertIndexActor.Capacity + 1:D6}", kept.Alerts[^1].Incident.AlertId); // oldest kept
    }

    public void Dispose()
    {
        _system.Terminate().Wait(TimeSpan.FromSeconds(20));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        PersistenceConfig.DeleteDatabaseFile(_db);
    }
}

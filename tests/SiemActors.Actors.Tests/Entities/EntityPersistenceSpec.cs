using Akka.Actor;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Entities.State;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Features;
using SiemActors.Domain.Geo;
using Xunit;

namespace SiemActors.Actors.Tests.Entities;

/// <summary>Entities keep their history as snapshots in a real SQLite file: across passivation and across a restart of the node.</summary>
public sealed class EntityPersistenceSpec : SiemTestKit
{
    private const string Ip = "45.142.212.61";
    private readonly string _db;
    // Snapshots only on stop (or after a long interval): what the tests check is the stop flow.
    private static readonly EntitySnapshotPolicy OnStop = new(int.MaxValue, TimeSpan.FromHours(1));
    // The first write creates the schema.
    private static readonly TimeSpan FirstWrite = TimeSpan.FromSeconds(15);

    public EntityPersistenceSpec() : this(PersistenceConfig.NewDatabaseFile()) { }

    private EntityPersistenceSpec(string db) : base(PersistenceConfig.Sqlite(db))
    {
        _db = db;
        _store = StoreOn(Sys, db);
    }

    private readonly IActorRef _store;

    /// <summary>The node's batched state store on the SQLite file, as SiemAkkaSetup starts it.</summary>
    private static IActorRef StoreOn(ActorSystem system, string db) =>
        system.ActorOf(EntityStateStoreActor.Props(new SqlEntityStateRepository("sqlite", $"Data Source={db}")));

    private static readonly EntityPartitioner OnePartition = new(1);

    private static IpEvents Failures(int from, int count, IActorRef replyTo) => new("0", replyTo, VerdictDetail.None,
        [.. Enumerable.Range(from, count).Select(i =>
            new EntityItem(i, TestEvents.FailedLogin(Ip, "admin", TestEvents.T0.AddSeconds(i * 2)), FeatureNames.NewVector()))]);

    private static Props IpProps(IActorRef store, IActorRef users, IGeoIpLookup? geo = null) =>
        Props.Create(() => new IpPartitionActor("0", OnePartition, () => users, () => ActorRefs.Nobody, () => store, geo, OnStop, null));

    private static Props UserProps(IActorRef store) =>
        Props.Create(() => new UserPartitionActor("0", () => ActorRefs.Nobody, () => store, OnStop, null));

    [Fact]
    public void A_stopped_ip_partition_comes_back_with_its_history_when_its_next_event_arrives()
    {
        var users = CreateTestProbe();
        var entity = Sys.ActorOf(IpProps(_store, users.Ref, new FixedGeo("NL")));
        entity.Tell(Failures(0, 5, TestActor));
        var first = users.ExpectMsg<UserEvents>();
        Assert.All(first.Items, i => Assert.Equal("NL", i.Event.SourceCountry));   // set before the user entity sees it

        Watch(entity);
        entity.Tell(StopEntity.Instance);            // what the shard sends on idle passivation and hand-off
        ExpectTerminated(entity, FirstWrite);

        var revived = Sys.ActorOf(IpProps(_store, users.Ref, new FixedGeo("NL")));
        revived.Tell(Failures(5, 1, TestActor));
        var f = users.ExpectMsg<UserEvents>(TimeSpan.FromSeconds(10)).Items.Single().Features;
        Assert.Equal(6, f[FeatureNames.FailedLogins1m]);
        Assert.Equal(6, f[FeatureNames.LoginAttempts]);

        revived.Tell(new GetIpProfile(Ip));
        var profile = ExpectMsg<IpProfile>();
        Assert.Equal(6, profile.TotalEvents);
        Assert.Equal(6, profile.Windows["failures_1h"]);
        Assert.Equal("NL", profile.Country);
        Assert.Equal(TestEvents.T0, profile.FirstSeen);
    }

    [Fact]
    public async Task Profiles_are_back_after_a_restart_on_the_same_database()
    {
        var first = ActorSystem.Create("first", PersistenceConfig.Sqlite(_db));
        try
        {
            var store = StoreOn(first, _db);
            var users = first.ActorOf(UserProps(store), "users");
            var ip = first.ActorOf(IpProps(store, users), "ips");
            ip.Tell(Failures(0, 4, ActorRefs.Nobody));
            // The ip answers after it has folded the failures in and handed them to the user entity.
            Assert.Equal(4, (await ip.Ask<IpProfile>(new GetIpProfile(Ip), FirstWrite)).TotalEvents);
            users.Tell(new UserEvents("0", ActorRefs.Nobody, VerdictDetail.None,
                [new EntityItem(9, TestEvents.Login("10.0.0.5", "admin", TestEvents.T0.AddMinutes(1)), FeatureNames.NewVector())]));
            Assert.Equal(2, (await users.Ask<UserProfile>(new GetUserProfile("admin"), FirstWrite)).IpsTried.Count);
            // A node shutting down hands its shards off: every entity gets the stop message.
            Assert.True(await ip.GracefulStop(FirstWrite, StopEntity.Instance));
            Assert.True(await users.GracefulStop(FirstWrite, StopEntity.Instance));
        }
        finally
        {
            await first.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }

        var second = ActorSystem.Create("second", PersistenceConfig.Sqlite(_db));
        try
        {
            var store = StoreOn(second, _db);
            var ip = second.ActorOf(IpProps(store, ActorRefs.Nobody));
            var user = second.ActorOf(UserProps(store));

            var ipProfile = (await ip.Ask<IpProfile>(new GetIpProfile(Ip), FirstWrite));
            Assert.Equal(4, ipProfile.TotalEvents);
            Assert.Equal(4, ipProfile.Windows["failures_10m"]);
            Assert.Equal("admin", Assert.Single(ipProfile.UsersTried).Value);

            var userProfile = (await user.Ask<UserProfile>(new GetUserProfile("admin"), FirstWrite));
            Assert.Equal("10.0.0.5", userProfile.LastSuccessIp);
            Assert.Equal(0, userProfile.FailuresSinceSuccess);
            Assert.Equal("10.0.0.5", Assert.Single(userProfile.KnownIps).Value);
            Assert.Equal(4, userProfile.IpsTried.Single(s => s.Value == Ip).Count);
        }
        finally
        {
            await second.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void A_busy_entity_snapshots_every_n_events_and_keeps_only_its_newest_snapshot()
    {
        var policy = new EntitySnapshotPolicy(3, TimeSpan.FromHours(1));
        var store = _store;
        var entity = Sys.ActorOf(Props.Create(() => new IpPartitionActor("0", OnePartition, () => ActorRefs.Nobody, () => ActorRefs.Nobody, () => store, null, policy, null)));
        // Once loaded, each message of three events crosses the mark: a save each, or the next save as soon as the last
        // is confirmed. (Messages that arrive while the entity loads are folded in together, so the first waits here.)
        entity.Tell(Failures(0, 3, ActorRefs.Nobody));
        entity.Tell(new GetIpProfile(Ip));
        ExpectMsg<IpProfile>(FirstWrite);
        for (var i = 1; i < 4; i++) entity.Tell(Failures(i * 3, 3, ActorRefs.Nobody));
        entity.Tell(new GetIpProfile(Ip));
        Assert.Equal(12, ExpectMsg<IpProfile>(FirstWrite).TotalEvents);

        AwaitAssert(() => Assert.Equal(1, SnapshotRows(IpPartitionActor.PersistencePrefix + Ip)), FirstWrite, TimeSpan.FromMilliseconds(200));
        AwaitAssert(() => Assert.True(NewestGeneration(IpPartitionActor.PersistencePrefix + Ip) >= 2), FirstWrite, TimeSpan.FromMilliseconds(200));
    }

    private long SnapshotRows(string key) => Scalar($"SELECT COUNT(*) FROM {SqlEntityStateRepository.Table} WHERE entity_key = $id", key);

    private long NewestGeneration(string key) => Scalar($"SELECT MAX(generation) FROM {SqlEntityStateRepository.Table} WHERE entity_key = $id", key);

    private long Scalar(string sql, string persistenceId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        return command.ExecuteScalar() is long n ? n : 0;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        PersistenceConfig.DeleteDatabaseFile(_db);
    }

    private sealed class FixedGeo(string country) : IGeoIpLookup
    {
        public GeoResult Lookup(string ip) => new(GeoKind.Public, country);
    }
}

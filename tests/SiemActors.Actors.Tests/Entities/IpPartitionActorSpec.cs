using Akka.Actor;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Entities.State;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Actors.Tests.Entities;

public sealed class IpPartitionActorSpec : SiemTestKit
{
    private const string Attacker = "45.142.212.61", Other = "198.51.100.7";
    private static readonly EntityPartitioner OneUserPartition = new(1);
    private readonly InMemoryEntityStateRepository _repository = new();
    private IActorRef Store => _store ??= Sys.ActorOf(EntityStateStoreActor.Props(_repository));
    private IActorRef? _store;

    private IActorRef Partition(IActorRef users, IActorRef scorers, IActorRef? store = null, TimeSpan? idleAfter = null, EntitySnapshotPolicy? policy = null,
        StoredKeyFilter? filter = null)
    {
        var s = store ?? Store;
        return Sys.ActorOf(Props.Create(() => new IpPartitionActor("0", OneUserPartition, () => users, () => scorers, () => s, null, policy, idleAfter, filter)));
    }

    private static StoredKeyFilter UsableFilter(params string[] storedKeys)
    {
        var filter = new StoredKeyFilter();
        foreach (var key in storedKeys) filter.Add(key);
        filter.KeysLoaded();
        filter.Alone();
        return filter;
    }

    private static EntityItem Failure(int n, string ip, string user) =>
        new(n, TestEvents.FailedLogin(ip, user, TestEvents.T0.AddSeconds(n * 3)), FeatureNames.NewVector());

    [Fact]
    public void Keeps_each_ips_windows_apart_and_hands_events_with_a_user_to_the_user_partition()
    {
        var users = CreateTestProbe();
        var scorers = CreateTestProbe();
        var collector = CreateTestProbe();
        var partition = Partition(users.Ref, scorers.Ref);

        for (var batch = 0; batch < 2; batch++)
        {
            // Six failures from the attacker and one from another IP in the same partition, per batch.
            var items = Enumerable.Range(0, 6).Select(i => Failure(batch * 7 + i, Attacker, i % 2 == 0 ? "admin" : "root"))
                .Append(Failure(batch * 7 + 6, Other, "alice")).ToList();
            partition.Tell(new IpEvents("0", collector.Ref, VerdictDetail.None, items));
        }

        // New entities load one by one, so a message may reach the users in parts: collect all fourteen events.
        var messages = new List<UserEvents>();
        while (messages.Sum(m => m.Items.Count) < 14) messages.Add(users.ExpectMsg<UserEvents>());
        Assert.All(messages, m => Assert.Equal("0", m.Partition));
        Assert.All(messages, m => Assert.Equal(collector.Ref, m.ReplyTo));
        var attacker = messages.SelectMany(m => m.Items).Where(i => i.Event.SourceIp == Attacker).OrderBy(i => i.Index).ToList();
        var other = messages.SelectMany(m => m.Items).Where(i => i.Event.SourceIp == Other).OrderBy(i => i.Index).ToList();
        Assert.Equal(12, attacker.Count);
        Assert.Equal(1, attacker[0].Features[FeatureNames.FailedLogins1m]);
        Assert.Equal(12, attacker[^1].Features[FeatureNames.FailedLogins1m]);
        Assert.Equal(2, attacker[^1].Features[FeatureNames.UniqueUsers]);
        Assert.Equal(1, attacker[^1].Features[FeatureNames.FailedAuthRate]);
        // The other IP's windows hold only its own two failures.
        Assert.Equal(2, other[^1].Features[FeatureNames.FailedLogins1m]);
        Assert.Equal(1, other[^1].Features[FeatureNames.UniqueUsers]);
        scorers.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Events_without_a_user_are_complete_and_go_to_the_scorers_with_user_defaults()
    {
        var users = CreateTestProbe();
        var scorers = CreateTestProbe();
        var partition = Partition(users.Ref, scorers.Ref);
        var ev = TestEvents.WebRequest(Other, "/index.html", 404, TestEvents.T0);

        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.All, [new EntityItem(0, ev, FeatureNames.NewVector())]));

        var m = scorers.ExpectMsg<ScoreEvents>();
        var f = Assert.Single(m.Items).Features;
        Assert.Equal(1, f[FeatureNames.Error4xxRate]);
        Assert.Equal(1, f[FeatureNames.IsKnownIp]);
        Assert.Equal(VerdictDetail.All, m.Detail);
        users.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Profile_reports_windows_and_users_tried()
    {
        var partition = Partition(ActorRefs.Nobody, ActorRefs.Nobody);
        partition.Tell(new IpEvents("0", ActorRefs.Nobody, VerdictDetail.None, [.. Enumerable.Range(0, 3).Select(i => Failure(i, Attacker, "admin"))]));
        partition.Tell(new GetIpProfile(Attacker));

        var profile = ExpectMsg<IpProfile>();
        Assert.Equal(3, profile.TotalEvents);
        Assert.Equal(3, profile.Windows["failures_1m"]);
        Assert.Equal("admin", Assert.Single(profile.UsersTried).Value);
    }

    [Fact]
    public void An_entity_the_filter_knows_was_never_saved_is_made_without_a_load_and_a_stored_one_is_loaded()
    {
        var store = CreateTestProbe();
        var scorers = CreateTestProbe();
        var partition = Partition(ActorRefs.Nobody, scorers.Ref, store.Ref, filter: UsableFilter(IpPartitionActor.PersistencePrefix + Attacker));

        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [Web(0, Other)]));
        Assert.Equal(1, scorers.ExpectMsg<ScoreEvents>().Items.Single().Features[FeatureNames.Requests1m]);
        store.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [Web(1, Attacker), Web(2, Other)]));
        Assert.Equal(2, scorers.ExpectMsg<ScoreEvents>().Items.Single().Index);
        var load = store.ExpectMsg<LoadEntityStates>();
        Assert.Equal([IpPartitionActor.PersistencePrefix + Attacker], load.Keys);
        scorers.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        load.ReplyTo.Tell(new EntityStatesLoaded(load.Keys, new Dictionary<string, StoredEntityState>()));
        Assert.Equal(1, scorers.ExpectMsg<ScoreEvents>().Items.Single().Index);
    }

    [Fact]
    public void Without_a_usable_filter_every_new_entity_is_loaded()
    {
        var store = CreateTestProbe();
        var scorers = CreateTestProbe();
        var partition = Partition(ActorRefs.Nobody, scorers.Ref, store.Ref, filter: new StoredKeyFilter());

        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [Web(0, Other)]));

        Assert.Equal([IpPartitionActor.PersistencePrefix + Other], store.ExpectMsg<LoadEntityStates>().Keys);
        scorers.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_saved_entity_enters_the_filter_so_it_is_loaded_after_it_leaves_memory()
    {
        var filter = UsableFilter();
        var scorers = CreateTestProbe();
        var partition = Partition(ActorRefs.Nobody, scorers.Ref, policy: new EntitySnapshotPolicy(1, TimeSpan.FromHours(1)), filter: filter);

        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [Web(0, Other)]));
        scorers.ExpectMsg<ScoreEvents>();

        AwaitAssert(() => Assert.Equal(1, _repository.Count));
        Assert.True(filter.MightBeStored(IpPartitionActor.PersistencePrefix + Other));
    }

    [Fact]
    public async Task The_store_reads_every_stored_key_into_the_filter_at_start()
    {
        await _repository.SaveAsync([new StoredEntityState("ip-" + Attacker, 1, "m", [1])], default);
        var filter = new StoredKeyFilter();
        filter.Alone();
        var store = Sys.ActorOf(EntityStateStoreActor.Props(_repository, filter));

        AwaitAssert(() => Assert.True(filter.IsUsable));
        Assert.True(filter.MightBeStored("ip-" + Attacker));
        Assert.False(filter.MightBeStored("ip-" + Other));
        store.Tell(GetEntityStoreStatus.Instance);
        Assert.Equal(new EntityStoreStatus(true, false, 1), ExpectMsg<EntityStoreStatus>());
    }

    [Fact]
    public void Events_wait_in_order_behind_the_load_of_their_entity()
    {
        var gate = new GatedRepository(_repository);
        var store = Sys.ActorOf(EntityStateStoreActor.Props(gate));
        var scorers = CreateTestProbe();
        var partition = Partition(ActorRefs.Nobody, scorers.Ref, store);

        // The first message needs a load that is held back; the second needs no new entity but must not overtake it.
        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [Web(0, Attacker)]));
        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [Web(1, Attacker)]));
        scorers.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        gate.Open();
        var first = scorers.ExpectMsg<ScoreEvents>().Items.Single();
        var second = scorers.ExpectMsg<ScoreEvents>().Items.Single();
        Assert.Equal((0, 1), (first.Index, second.Index));
        Assert.Equal(1, first.Features[FeatureNames.Requests1m]);
        Assert.Equal(2, second.Features[FeatureNames.Requests1m]);
    }

    [Fact]
    public void An_entity_still_loading_does_not_hold_up_the_other_entities_of_its_partition()
    {
        var gate = new GatedRepository(_repository, IpPartitionActor.PersistencePrefix + Attacker);
        var store = Sys.ActorOf(EntityStateStoreActor.Props(gate));
        var scorers = CreateTestProbe();
        var partition = Partition(ActorRefs.Nobody, scorers.Ref, store);
        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [Web(0, Other)]));
        Assert.Equal(0, scorers.ExpectMsg<ScoreEvents>().Items.Single().Index);

        // The attacker's state is held back; the other IP's event in the same message goes on without it.
        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [Web(1, Attacker), Web(2, Other), Web(3, Attacker)]));
        Assert.Equal(2, scorers.ExpectMsg<ScoreEvents>().Items.Single().Index);
        scorers.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        gate.Open();
        Assert.Equal([1, 3], scorers.ExpectMsg<ScoreEvents>().Items.Select(i => i.Index));
    }

    [Fact]
    public void An_idle_entity_is_saved_dropped_from_memory_and_comes_back_with_its_history()
    {
        var users = CreateTestProbe();
        var partition = Partition(users.Ref, ActorRefs.Nobody, idleAfter: TimeSpan.FromMilliseconds(300));
        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [.. Enumerable.Range(0, 4).Select(i => Failure(i, Attacker, "admin"))]));
        users.ExpectMsg<UserEvents>();

        AwaitAssert(() =>
        {
            partition.Tell(new GetPartitionStats("0"));
            Assert.Equal(0, ExpectMsg<PartitionStats>().Live);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, _repository.Count);

        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [Failure(4, Attacker, "admin")]));
        var back = users.ExpectMsg<UserEvents>().Items.Single();
        Assert.Equal(5, back.Features[FeatureNames.FailedLogins1m]);
    }

    [Fact]
    public void A_partition_told_to_stop_saves_every_changed_entity_first()
    {
        var partition = Partition(ActorRefs.Nobody, ActorRefs.Nobody, policy: new EntitySnapshotPolicy(int.MaxValue, TimeSpan.FromHours(1)));
        var ips = Enumerable.Range(1, 50).Select(i => $"203.0.113.{i}").ToList();
        partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [.. ips.Select((ip, i) => Web(i, ip))]));
        Watch(partition);

        partition.Tell(StopEntity.Instance);

        ExpectTerminated(partition);
        Assert.Equal(50, _repository.Count);
    }

    [Fact]
    public void A_save_round_larger_than_the_in_flight_budget_saves_every_changed_entity()
    {
        var count = EntityPartitionActor<object>.MaxKeysSaving * 2 + 500;
        var partition = Partition(ActorRefs.Nobody, ActorRefs.Nobody, policy: new EntitySnapshotPolicy(int.MaxValue, TimeSpan.FromMilliseconds(300)));
        var ips = Enumerable.Range(0, count).Select(i => $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}").ToList();
        foreach (var chunk in ips.Chunk(1000))
            partition.Tell(new IpEvents("0", TestActor, VerdictDetail.None, [.. chunk.Select((ip, i) => Web(i, ip))]));

        AwaitAssert(() => Assert.Equal(count, _repository.Count), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
        partition.Tell(new GetPartitionStats("0"));
        Assert.Equal(count, ExpectMsg<PartitionStats>().Live);
    }

    private static EntityItem Web(int n, string ip) =>
        new(n, TestEvents.WebRequest(ip, "/index.html", 200, TestEvents.T0.AddSeconds(n)), FeatureNames.NewVector());

    /// <summary>A repository whose loads (of <paramref name="only"/>, or of any key) wait until the test opens the gate.</summary>
    private sealed class GatedRepository(IEntityStateRepository inner, string? only = null) : IEntityStateRepository
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _gate.TrySetResult();

        public Task EnsureCreatedAsync(CancellationToken ct) => inner.EnsureCreatedAsync(ct);

        public async Task<IReadOnlyDictionary<string, StoredEntityState>> LoadAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
        {
            if (only is null || keys.Contains(only)) await _gate.Task.WaitAsync(ct);
            return await inner.LoadAsync(keys, ct);
        }

        public Task SaveAsync(IReadOnlyCollection<StoredEntityState> rows, CancellationToken ct) => inner.SaveAsync(rows, ct);

        public Task ForEachKeyAsync(Action<string> key, CancellationToken ct) => inner.ForEachKeyAsync(key, ct);
    }
}

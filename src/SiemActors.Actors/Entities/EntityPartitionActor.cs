using Akka.Actor;
using Akka.Event;
using SiemActors.Actors.Entities.State;
using SiemActors.Actors.Serialization;

namespace SiemActors.Actors.Entities;

/// <summary>
/// One sharded partition of many small entities (IPs or users), each with its own behaviour state. An actor per IP
/// costs ~10 KB and a sharding hop per event; a partition costs a dictionary entry per entity and one hop per batch.
/// <list type="bullet">
/// <item>An entity not in memory is loaded from the node's <see cref="EntityStateStoreActor"/>, many keys per request.
/// The events for it wait, and so do its later events; other entities' events go on, and each entity sees its own in order.
/// One that the node's <see cref="StoredKeyFilter"/> knows was never saved is made at once, without a load.</item>
/// <item>Dirty entities are saved every <see cref="EntitySnapshotPolicy.Interval"/>, after
/// <see cref="EntitySnapshotPolicy.EveryEvents"/> events, and when the partition stops (hand-off, passivation).</item>
/// <item>An entity idle for the passivation time is saved and dropped from memory.</item>
/// </list>
/// </summary>
/// <typeparam name="TState">The behaviour state of one entity.</typeparam>
public abstract class EntityPartitionActor<TState> : ReceiveActor, IWithTimers where TState : class
{
    private const string SaveTimer = "save", EvictTimer = "evict", StopTimer = "stop";
    private static readonly TimeSpan RetryLoadAfter = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Entity states a partition has on their way to the store at once: a save round over 800k changed entities
    /// would otherwise serialize them all in one go and hold every payload in memory until the database caught up.
    /// </summary>
    public const int MaxKeysSaving = 2_000;

    private readonly string _prefix;
    private readonly EntitySnapshotPolicy _policy;
    private readonly TimeSpan _idleAfter;
    private readonly Func<IActorRef> _store;
    private readonly StoredKeyFilter _storedKeys;
    private readonly string _metricRegion;
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    /// <summary>
    /// Per entity being loaded, the parts of messages that wait for it, in arrival order: an entity is loading exactly
    /// when it has a queue here (a load is only asked for by a message that then waits for it).
    /// </summary>
    private readonly Dictionary<string, Queue<Waiting>> _waiting = new(StringComparer.Ordinal);
    /// <summary>Stats requests that wait until no entity is loading.</summary>
    private readonly List<IActorRef> _statsAfterLoads = [];
    /// <summary>Changed entities in the order they first changed; a slot is listed at most once (<see cref="Slot.Listed"/>).</summary>
    private readonly Queue<Slot> _dirty = new();
    private readonly List<Slot> _due = [];
    private int _keysSaving;
    private int _created;   // entities put in memory since the live-entity gauge was last told
    private bool _flushing;   // a save round is under way: go on saving as confirmations free room
    private long _now;
    private bool _stopping;

    protected EntityPartitionActor(string partition, string keyPrefix, EntitySnapshotPolicy? policy, TimeSpan? idleAfter, Func<IActorRef> store,
        StoredKeyFilter? storedKeys = null)
    {
        _storedKeys = storedKeys ?? StoredKeyFilter.Off;
        Partition = partition;
        _prefix = keyPrefix;
        _policy = policy ?? EntitySnapshotPolicy.Default;
        _idleAfter = idleAfter ?? EntitySnapshotPolicy.DefaultIdleAfter;
        _store = store;
        _metricRegion = keyPrefix.TrimEnd('-');

        Receive<EntityStatesLoaded>(OnLoaded);
        Receive<RetryLoad>(m => _store().Tell(new LoadEntityStates(m.Keys, Self)));
        Receive<EntityStatesSaved>(OnSaved);
        Receive<SaveTick>(_ =>
        {
            _flushing = true;
            SaveDirty();
        });
        Receive<EvictTick>(_ => EvictIdle());
        // Answered once nothing is loading, so the counts include every entity sent before the request.
        Receive<GetPartitionStats>(_ =>
        {
            if (_waiting.Count == 0) Sender.Tell(Stats());
            else _statsAfterLoads.Add(Sender);
        });
        Receive<StopEntity>(_ => BeginStop());
        Receive<StopNow>(_ =>
        {
            Log.Warning("Partition {0}{1}: {2} entity states not confirmed saved in {3}; stopping anyway",
                _prefix, Partition, _keysSaving, EntitySnapshotPolicy.StopTimeout);
            Context.Stop(Self);
        });
    }

    protected string Partition { get; }
    protected ILoggingAdapter Log { get; } = Context.GetLogger();
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The state of an entity seen for the first time.</summary>
    protected abstract TState NewState();

    /// <summary>The snapshot record written for <paramref name="state"/>.</summary>
    protected abstract ISiemMessage Snapshot(TState state);

    /// <summary>The state held in a loaded snapshot record.</summary>
    protected abstract TState Restore(object snapshot);

    /// <summary>
    /// Handles <typeparamref name="T"/> once the entities it names are in memory: <paramref name="count"/> and
    /// <paramref name="keyAt"/> list them (keys may repeat); <paramref name="handle"/> gets the original sender.
    /// Order is kept per entity, not per partition: the part of a message whose entities are in memory is handled at
    /// once, and the part for each entity still loading (<paramref name="part"/> builds it from item positions) waits
    /// behind that entity's earlier parts only, so one new IP does not hold up the other entities of its partition.
    /// </summary>
    protected void ReceiveForEntities<T>(Func<T, int> count, Func<T, int, string> keyAt, Func<T, List<int>, T> part, Action<T, IActorRef> handle)
        where T : notnull
    {
        Action<object, IActorRef> handleWaiting = (msg, sender) => handle((T)msg, sender);
        Receive<T>(m =>
        {
            _now = Environment.TickCount64;
            var n = count(m);
            var allReady = true;
            for (var i = 0; i < n && allReady; i++) allReady = IsReady(keyAt(m, i));
            ReportCreated();
            if (allReady)
            {
                handle(m, Sender);
                SaveDue();
                return;
            }
            List<int>? ready = null;
            Dictionary<string, List<int>>? missing = null;
            for (var i = 0; i < n; i++)
            {
                var key = keyAt(m, i);
                if (IsReady(key)) (ready ??= []).Add(i);
                else
                {
                    missing ??= new Dictionary<string, List<int>>(StringComparer.Ordinal);
                    if (!missing.TryGetValue(key, out var positions)) missing[key] = positions = [];
                    positions.Add(i);
                }
            }
            List<string>? toLoad = null;
            foreach (var (key, positions) in missing!)
            {
                if (!_waiting.TryGetValue(key, out var queue))
                {
                    _waiting[key] = queue = new Queue<Waiting>(1);
                    (toLoad ??= []).Add(_prefix + key);
                }
                queue.Enqueue(new Waiting(positions.Count == n ? m : part(m, positions), Sender, handleWaiting));
            }
            ReportCreated();
            if (toLoad is not null) _store().Tell(new LoadEntityStates(toLoad, Self));
            if (ready is not null)
            {
                handle(part(m, ready), Sender);
                SaveDue();
            }
        });
    }

    /// <summary><see cref="ReceiveForEntities{T}"/> for a message about one entity (a profile request).</summary>
    protected void ReceiveForEntity<T>(Func<T, string> key, Action<T, IActorRef> handle) where T : notnull =>
        ReceiveForEntities(static _ => 1, (m, _) => key(m), static (m, _) => m, handle);

    /// <summary>
    /// True when the entity is in memory, or is made now because it is certainly new: not loading, and never saved
    /// (as far as the <see cref="StoredKeyFilter"/> can tell; while it cannot, every missing entity is loaded).
    /// </summary>
    private bool IsReady(string key)
    {
        if (_slots.ContainsKey(key)) return true;
        if (_waiting.ContainsKey(key) || MightBeStored(key)) return false;
        Admit(key);
        return true;
    }

    /// <summary>Puts a new entity in memory (its state fresh until a loaded one replaces it) and counts it for the gauge.</summary>
    private Slot Admit(string key)
    {
        var slot = new Slot(key, NewState()) { LastUsed = _now };
        _slots[key] = slot;
        _created++;
        return slot;
    }

    private bool MightBeStored(string key)
    {
        if (!_storedKeys.IsUsable) return true;
        var length = _prefix.Length + key.Length;
        if (length > 256) return _storedKeys.MightBeStored(_prefix + key);
        Span<char> storeKey = stackalloc char[length];
        _prefix.CopyTo(storeKey);
        key.CopyTo(storeKey[_prefix.Length..]);
        return _storedKeys.MightBeStored(storeKey);
    }

    private void ReportCreated()
    {
        if (_created == 0) return;
        Telemetry.SiemMetrics.EntitiesLive(_metricRegion, _created);
        _created = 0;
    }

    /// <summary>The items at <paramref name="positions"/>, for building the part of an events message.</summary>
    protected static EntityItem[] ItemsAt(IReadOnlyList<EntityItem> items, List<int> positions)
    {
        var picked = new EntityItem[positions.Count];
        for (var i = 0; i < picked.Length; i++) picked[i] = items[positions[i]];
        return picked;
    }

    private PartitionStats Stats() => new(Partition, _slots.Count, _waiting.Count, _dirty.Count);

    /// <summary>The entity's state, for a change: marks it used now and dirty by <paramref name="events"/> events.</summary>
    protected TState Change(string key, int events = 1)
    {
        var slot = _slots[key];
        slot.LastUsed = _now;
        slot.Evicting = false;
        slot.Unsaved += events;
        List(slot);
        if (slot.Unsaved >= _policy.EveryEvents && !slot.Due)
        {
            slot.Due = true;
            _due.Add(slot);
        }
        return slot.State;
    }

    /// <summary>The entity's state, to read.</summary>
    protected TState Read(string key)
    {
        var slot = _slots[key];
        slot.LastUsed = _now;
        return slot.State;
    }

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(SaveTimer, SaveTick.Instance, _policy.Interval);
        var sweep = TimeSpan.FromTicks(Math.Clamp(_idleAfter.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromMinutes(1).Ticks));
        Timers.StartPeriodicTimer(EvictTimer, EvictTick.Instance, sweep);
    }

    protected override void PostStop() => Telemetry.SiemMetrics.EntitiesLive(_metricRegion, -_slots.Count);

    private void OnLoaded(EntityStatesLoaded m)
    {
        if (m.Error is not null)
        {
            // Starting empty would later overwrite the stored history: ask again instead.
            Timers.StartSingleTimer("retry-" + m.Keys[0], new RetryLoad(m.Keys), RetryLoadAfter);
            return;
        }
        _now = Environment.TickCount64;
        var serialization = Context.System.Serialization;
        foreach (var storeKey in m.Keys)
        {
            var key = storeKey[_prefix.Length..];
            if (!_waiting.Remove(key, out var queue)) continue;
            var slot = Admit(key);
            if (m.Found.TryGetValue(storeKey, out var stored))
            {
                var serializer = serialization.FindSerializerForType(typeof(ISiemMessage));
                slot.State = Restore(serialization.Deserialize(stored.Payload, serializer.Identifier, stored.Manifest));
                slot.Generation = stored.Generation;
            }
            while (queue.TryDequeue(out var waiting)) waiting.Handle(waiting.Message, waiting.Sender);
        }
        ReportCreated();
        SaveDue();
        if (_waiting.Count == 0 && _statsAfterLoads.Count > 0)
        {
            foreach (var asker in _statsAfterLoads) asker.Tell(Stats());
            _statsAfterLoads.Clear();
        }
        if (_stopping) TryFinishStop();
    }

    /// <summary>Saves at once the entities that crossed the every-n-events mark.</summary>
    private void SaveDue()
    {
        if (_due.Count == 0) return;
        var due = new List<Slot>(_due.Count);
        foreach (var slot in _due)
        {
            slot.Due = false;
            if (!slot.Saving && _slots.ContainsKey(slot.Key)) due.Add(slot);
        }
        _due.Clear();
        Save(due);
    }

    /// <summary>Saves changed entities in arrival order, as many as <see cref="MaxKeysSaving"/> leaves room for.</summary>
    private void SaveDirty()
    {
        var room = MaxKeysSaving - _keysSaving;
        if (room <= 0) return;
        var batch = new List<Slot>(Math.Min(room, _dirty.Count));
        while (batch.Count < room && _dirty.TryDequeue(out var slot))
        {
            slot.Listed = false;
            // Dropped since, or already on its way (it is listed again if it changes meanwhile).
            if (slot.Saving || slot.Unsaved == 0 || !ReferenceEquals(_slots.GetValueOrDefault(slot.Key), slot)) continue;
            batch.Add(slot);
        }
        if (_dirty.Count == 0) _flushing = false;
        Save(batch);
    }

    private void Save(List<Slot> slots)
    {
        if (slots.Count == 0) return;
        var serialization = Context.System.Serialization;
        var rows = new List<StoredEntityState>(slots.Count);
        foreach (var slot in slots)
        {
            if (slot.Unsaved == 0 || slot.Saving) continue;
            var snapshot = Snapshot(slot.State);
            var serializer = serialization.FindSerializerFor(snapshot);
            slot.Generation++;
            slot.Unsaved = 0;
            slot.Saving = true;
            var storeKey = _prefix + slot.Key;
            _storedKeys.Add(storeKey);
            rows.Add(new StoredEntityState(storeKey, slot.Generation,
                Akka.Serialization.Serialization.ManifestFor(serializer, snapshot), serializer.ToBinary(snapshot)));
        }
        if (rows.Count == 0) return;
        _keysSaving += rows.Count;
        _store().Tell(new SaveEntityStates(rows, Self));
    }

    /// <summary>Puts a changed slot on the save queue once.</summary>
    private void List(Slot slot)
    {
        if (slot.Listed) return;
        slot.Listed = true;
        _dirty.Enqueue(slot);
    }

    private void OnSaved(EntityStatesSaved m)
    {
        _keysSaving -= m.States.Count;
        if (m.Error is not null)
            Log.Warning("Partition {0}{1}: {2} entity states not saved: {3}", _prefix, Partition, m.States.Count, m.Error);
        var removed = 0;
        foreach (var saved in m.States)
        {
            if (!_slots.TryGetValue(saved.Key[_prefix.Length..], out var slot) || slot.Generation != saved.Generation) continue;
            slot.Saving = false;
            if (m.Error is not null)
            {
                // Still dirty: the next tick (or the stop) tries again.
                slot.Unsaved = Math.Max(1, slot.Unsaved);
                List(slot);
            }
            else if (slot.Evicting && slot.Unsaved == 0 && _slots.Remove(saved.Key[_prefix.Length..]))
            {
                removed++;
            }
            else if (slot.Unsaved >= _policy.EveryEvents && !slot.Due)
            {
                // It crossed the mark again while this save was on its way.
                slot.Due = true;
                _due.Add(slot);
            }
        }
        Telemetry.SiemMetrics.EntitiesLive(_metricRegion, -removed);
        SaveDue();
        if (_flushing && m.Error is null) SaveDirty();
        if (_stopping) TryFinishStop(m.Error is null);
    }

    /// <summary>Drops entities idle past the passivation time, saving the dirty ones first.</summary>
    private void EvictIdle()
    {
        // Entities with waiting messages are still loading, so never in memory yet: they cannot look idle.
        if (_stopping) return;
        var cutoff = Environment.TickCount64 - (long)_idleAfter.TotalMilliseconds;
        List<string>? clean = null;
        var dirty = false;
        foreach (var (key, slot) in _slots)
        {
            if (slot.LastUsed > cutoff || slot.Evicting) continue;
            slot.Evicting = true;
            if (slot.Unsaved == 0 && !slot.Saving) (clean ??= []).Add(key);
            else dirty = true;   // leaves memory once its save is confirmed (OnSaved)
        }
        if (clean is not null)
        {
            foreach (var key in clean) _slots.Remove(key);
            Telemetry.SiemMetrics.EntitiesLive(_metricRegion, -clean.Count);
        }
        if (dirty)
        {
            _flushing = true;
            SaveDirty();
        }
    }

    private void BeginStop()
    {
        _stopping = true;
        Timers.Cancel(EvictTimer);
        Timers.StartSingleTimer(StopTimer, StopNow.Instance, EntitySnapshotPolicy.StopTimeout);
        TryFinishStop();
    }

    /// <summary>Stops once nothing waits, nothing is being saved and nothing is left unsaved.</summary>
    private void TryFinishStop(bool lastSaveSucceeded = true)
    {
        if (_waiting.Count > 0 || _keysSaving > 0) return;
        if (_dirty.Count > 0 && lastSaveSucceeded)
        {
            SaveDirty();
            if (_keysSaving > 0) return;
        }
        Context.Stop(Self);
    }

    /// <summary>One entity in memory.</summary>
    private sealed class Slot(string key, TState state)
    {
        public readonly string Key = key;
        public TState State = state;
        public long Generation;
        public int Unsaved;
        public long LastUsed;
        public bool Saving, Evicting, Listed, Due;
    }

    private sealed record Waiting(object Message, IActorRef Sender, Action<object, IActorRef> Handle);

    private sealed record RetryLoad(IReadOnlyList<string> Keys);

    private sealed class SaveTick
    {
        public static readonly SaveTick Instance = new();
    }

    private sealed class EvictTick
    {
        public static readonly EvictTick Instance = new();
    }

    private sealed class StopNow
    {
        public static readonly StopNow Instance = new();
    }
}

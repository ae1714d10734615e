using Akka.Actor;
using Akka.Event;
using SiemActors.Actors.Entities.State;

namespace SiemActors.Actors.Entities;

/// <summary>
/// What the ip and user entities share: state kept as periodic snapshots (never an event per log line), so a
/// passivated, handed-off or restarted entity comes back with its history. Snapshots go through the node's
/// <see cref="EntityStateStoreActor"/>, which batches loads and saves across entities: starting an entity costs
/// a share of one query, not a journal recovery. Messages that arrive while the state loads are stashed.
/// A snapshot is written when <see cref="EntitySnapshotPolicy"/> says so and when the shard stops the entity.
/// </summary>
public abstract class SnapshottingEntity : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private const string SnapshotTimer = "snapshot", StopTimer = "stop", LoadTimer = "load";
    private readonly string _key;
    private readonly EntitySnapshotPolicy _policy;
    private readonly Func<IActorRef> _store;
    private long _generation;
    private int _unsaved;     // events folded in since the last save began
    private bool _saving, _stopping;

    protected SnapshottingEntity(string stateKey, EntitySnapshotPolicy? policy, Func<IActorRef> store)
    {
        _key = stateKey;
        _policy = policy ?? EntitySnapshotPolicy.Default;
        _store = store;
        Loading();
    }

    protected ILoggingAdapter Log { get; } = Context.GetLogger();
    public ITimerScheduler Timers { get; set; } = null!;
    public IStash Stash { get; set; } = null!;
    public string StateKey => _key;

    /// <summary>The snapshot record of the current state.</summary>
    protected abstract object Snapshot();

    /// <summary>Replaces the state with a loaded snapshot record.</summary>
    protected abstract void Restore(object snapshot);

    /// <summary>Registers the entity's own message handlers (called once the state is loaded).</summary>
    protected abstract void Active();

    protected override void PreStart() => _store().Tell(new LoadEntityState(_key, Self));

    private void Loading()
    {
        Receive<EntityStateLoaded>(m =>
        {
            if (m.Error is not null)
            {
                // Starting empty would later overwrite the stored history: ask again instead.
                Timers.StartSingleTimer(LoadTimer, new LoadEntityState(_key, Self), TimeSpan.FromSeconds(1));
                return;
            }
            if (m.State is { } stored)
            {
                var serializer = Context.System.Serialization.FindSerializerForType(typeof(Serialization.ISiemMessage));
                var snapshot = Context.System.Serialization.Deserialize(stored.Payload, serializer.Identifier, stored.Manifest);
                Restore(snapshot);
                _generation = stored.Generation;
            }
            Become(Running);
            Stash.UnstashAll();
        });
        Receive<LoadEntityState>(m => _store().Tell(m));
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<SnapshotTick>(_ => SaveIfDirty());
        Receive<StopEntity>(_ => StopAfterSaving());
        Receive<StopNow>(_ =>
        {
            Log.Warning("{0}: state store did not confirm the last snapshot in {1}; stopping anyway", _key, EntitySnapshotPolicy.StopTimeout);
            Context.Stop(Self);
        });
        Receive<EntityStateSaved>(OnSaved);
        Active();
    }

    /// <summary>Call after folding <paramref name="events"/> events into the state.</summary>
    protected void Observed(int events)
    {
        _unsaved += events;
        if (_unsaved >= _policy.EveryEvents) SaveIfDirty();
        else if (_unsaved > 0 && !_saving && !Timers.IsTimerActive(SnapshotTimer)) Timers.StartSingleTimer(SnapshotTimer, SnapshotTick.Instance, _policy.Interval);
    }

    private void SaveIfDirty()
    {
        if (_unsaved == 0 || _saving) return;
        _saving = true;
        _unsaved = 0;
        _generation++;
        Timers.Cancel(SnapshotTimer);
        var snapshot = Snapshot();
        var serialization = Context.System.Serialization;
        var serializer = serialization.FindSerializerFor(snapshot);
        var state = new StoredEntityState(_key, _generation, Akka.Serialization.Serialization.ManifestFor(serializer, snapshot), serializer.ToBinary(snapshot));
        _store().Tell(new SaveEntityState(state, Self));
    }

    private void OnSaved(EntityStateSaved m)
    {
        _saving = false;
        if (m.Error is not null)
        {
            _unsaved = Math.Max(1, _unsaved);   // still dirty: the timer (or the stop) tries again
            Log.Warning("{0}: snapshot {1} not saved: {2}", _key, m.Generation, m.Error);
        }
        if (_stopping)
        {
            if (_unsaved > 0 && m.Error is null) SaveIfDirty();
            else Context.Stop(Self);
        }
        else if (_unsaved > 0) Observed(0);
    }

    private void StopAfterSaving()
    {
        _stopping = true;
        if (!_saving && _unsaved == 0)
        {
            Context.Stop(Self);
            return;
        }
        SaveIfDirty();
        Timers.StartSingleTimer(StopTimer, StopNow.Instance, EntitySnapshotPolicy.StopTimeout);
    }

    private sealed class SnapshotTick
    {
        public static readonly SnapshotTick Instance = new();
    }

    private sealed class StopNow
    {
        public static readonly StopNow Instance = new();
    }
}

using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace SiemActors.Actors.Entities;

/// <summary>
/// What the ip and user entities share: state kept as periodic snapshots (never an event per log line), so a
/// passivated, handed-off or restarted entity comes back with its history. A snapshot is written when
/// <see cref="EntitySnapshotPolicy"/> says so and when the shard stops the entity; at most one save is in flight,
/// and after each successful save the older snapshots are deleted.
/// </summary>
public abstract class SnapshottingEntity : ReceivePersistentActor, IWithTimers
{
    private const string SnapshotTimer = "snapshot", StopTimer = "stop";
    private readonly EntitySnapshotPolicy _policy;
    private long _generation;
    private int _unsaved;     // events folded in since the last save began
    private bool _saving, _stopping;

    protected SnapshottingEntity(string persistenceId, EntitySnapshotPolicy? policy)
    {
        PersistenceId = persistenceId;
        _policy = policy ?? EntitySnapshotPolicy.Default;
        Command<SnapshotTick>(_ => SaveIfDirty());
        Command<StopEntity>(_ => StopAfterSaving());
        Command<StopNow>(_ =>
        {
            Log.Warning("{0}: snapshot store did not answer in {1}; stopping without the last snapshot", PersistenceId, EntitySnapshotPolicy.StopTimeout);
            Context.Stop(Self);
        });
        Command<SaveSnapshotSuccess>(OnSaved);
        Command<SaveSnapshotFailure>(OnSaveFailed);
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => Log.Warning("{0}: older snapshots not deleted: {1}", PersistenceId, f.Cause.Message));
    }

    public override string PersistenceId { get; }
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The snapshot record of the current state, numbered <paramref name="generation"/>.</summary>
    protected abstract object Snapshot(long generation);

    /// <summary>Call from the subclass's SnapshotOffer handler with the generation the snapshot carried.</summary>
    protected void Restored(long generation) => _generation = Math.Max(_generation, generation);

    /// <summary>Call after folding <paramref name="events"/> events into the state.</summary>
    protected void Observed(int events)
    {
        _unsaved += events;
        if (_unsaved >= _policy.EveryEvents) SaveIfDirty();
        else if (!_saving && !Timers.IsTimerActive(SnapshotTimer)) Timers.StartSingleTimer(SnapshotTimer, SnapshotTick.Instance, _policy.Interval);
    }

    private void SaveIfDirty()
    {
        if (_unsaved == 0 || _saving) return;
        _saving = true;
        _unsaved = 0;
        _generation++;
        Timers.Cancel(SnapshotTimer);
        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, _generation, DateTime.UtcNow), Snapshot(_generation)), Self);
    }

    private void OnSaved(SaveSnapshotSuccess m)
    {
        _saving = false;
        if (m.Metadata.SequenceNr > 1) DeleteSnapshots(new SnapshotSelectionCriteria(m.Metadata.SequenceNr - 1));
        if (_stopping)
        {
            if (_unsaved > 0) SaveIfDirty();
            else Context.Stop(Self);
        }
        else if (_unsaved > 0) Observed(0);
    }

    private void OnSaveFailed(SaveSnapshotFailure m)
    {
        _saving = false;
        _unsaved = Math.Max(1, _unsaved);   // still dirty: the timer (or the stop) tries again
        Log.Warning("{0}: snapshot {1} not saved: {2}", PersistenceId, m.Metadata.SequenceNr, m.Cause.Message);
        if (_stopping) Context.Stop(Self);
        else Observed(0);
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

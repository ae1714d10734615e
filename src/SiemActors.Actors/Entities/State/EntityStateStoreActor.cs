using Akka.Actor;
using Akka.Event;

namespace SiemActors.Actors.Entities.State;

/// <summary>
/// The node's gateway to entity state: collects loads and saves from thousands of entities (ip and user partitions
/// send many keys per message) and turns them into a few batched queries. Loads run a few batches at a time; saves
/// go one transaction at a time, the newest state per entity only.
/// </summary>
public sealed class EntityStateStoreActor : ReceiveActor, IWithTimers
{
    public const int MaxBatch = 500;
    private const int MaxLoadsInFlight = 4;
    private static readonly TimeSpan SaveLinger = TimeSpan.FromMilliseconds(100);

    private readonly IEntityStateRepository _repository;
    private readonly StoredKeyFilter _filter;
    private readonly List<(string Key, IActorRef ReplyTo)> _loads = [];
    private readonly Dictionary<string, (StoredEntityState State, IActorRef ReplyTo)> _saves = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _loadsInFlight;
    private bool _saving;

    public EntityStateStoreActor(IEntityStateRepository repository, StoredKeyFilter? filter = null)
    {
        _repository = repository;
        _filter = filter ?? StoredKeyFilter.Off;
        Receive<GetEntityStoreStatus>(_ => Sender.Tell(new EntityStoreStatus(_filter.IsUsable, _filter.IsDisabled, _filter.KnownKeys)));
        Receive<KeysScanned>(m =>
        {
            if (m.Error is null)
            {
                _filter.KeysLoaded();
                _log.Info("Stored entity keys read for the new-entity filter: {0:N0} keys, {1:N1} MB, in {2:N1} s",
                    _filter.KnownKeys, _filter.Bytes / 1e6, m.Elapsed.TotalSeconds);
            }
            else _log.Warning("Stored entity keys not read ({0}); every new entity is looked up", m.Error.GetBaseException().Message);
        });
        Receive<LoadEntityStates>(m =>
        {
            foreach (var key in m.Keys) _loads.Add((key, m.ReplyTo));
            // No linger: a query goes out at once while one of the slots is free, and whatever arrives while all are
            // busy shares the next one. (A timer would wait for the scheduler's 10 ms tick, not 2 ms.)
            FlushLoads();
        });
        Receive<LoadsDone>(m =>
        {
            _loadsInFlight--;
            foreach (var (replyTo, keys) in GroupByReplyTo(m.Requests, static r => r.Key, static r => r.ReplyTo))
            {
                Dictionary<string, StoredEntityState>? found = null;
                if (m.Found is not null)
                    foreach (var key in keys)
                        if (m.Found.TryGetValue(key, out var row)) (found ??= new(StringComparer.Ordinal))[key] = row;
                replyTo.Tell(new EntityStatesLoaded(keys, (IReadOnlyDictionary<string, StoredEntityState>?)found ?? NoneFound, m.Error?.Message));
            }
            if (m.Error is not null)
                _log.Error(m.Error, "Loading state of {0} entities failed; they ask again", m.Requests.Count);
            if (_loads.Count > 0) FlushLoads();
        });

        Receive<SaveEntityStates>(m =>
        {
            foreach (var state in m.States)
                _saves[state.Key] = _saves.TryGetValue(state.Key, out var older) && older.State.Generation > state.Generation ? older : (state, m.ReplyTo);
            if (_saves.Count >= MaxBatch) FlushSaves();
            else if (!Timers.IsTimerActive("saves")) Timers.StartSingleTimer("saves", FlushSavesTick.Instance, SaveLinger);
        });
        Receive<FlushSavesTick>(_ => FlushSaves());
        Receive<SavesDone>(m =>
        {
            _saving = false;
            foreach (var (replyTo, saved) in GroupByReplyTo(m.Saves, static s => new SavedEntityState(s.State.Key, s.State.Generation), static s => s.ReplyTo))
                replyTo.Tell(new EntityStatesSaved(saved, m.Error?.Message));
            if (m.Error is not null) _log.Error(m.Error, "Saving state of {0} entities failed", m.Saves.Count);
            if (_saves.Count > 0) FlushSaves();
        });
    }

    private static readonly IReadOnlyDictionary<string, StoredEntityState> NoneFound = new Dictionary<string, StoredEntityState>();

    /// <summary>One answer per asking partition, however many of its keys shared the query.</summary>
    private static Dictionary<IActorRef, List<TOut>> GroupByReplyTo<TIn, TOut>(IEnumerable<TIn> requests, Func<TIn, TOut> pick, Func<TIn, IActorRef> replyTo)
    {
        var groups = new Dictionary<IActorRef, List<TOut>>();
        foreach (var request in requests)
        {
            var to = replyTo(request);
            if (!groups.TryGetValue(to, out var list)) groups[to] = list = [];
            list.Add(pick(request));
        }
        return groups;
    }

    public static Props Props(IEntityStateRepository repository, StoredKeyFilter? filter = null) =>
        Akka.Actor.Props.Create(() => new EntityStateStoreActor(repository, filter));

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        try
        {
            _repository.EnsureCreatedAsync(_stopping.Token).Wait(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex)
        {
            // Another node creating the table at the same moment is harmless; anything else shows on the first load.
            _log.Warning("Entity state table not created here: {0}", ex.GetBaseException().Message);
        }
        if (!_filter.IsDisabled) ScanKeys();
    }

    /// <summary>Reads every stored key into the filter in the background; loads are answered meanwhile, the filter says "maybe".</summary>
    private void ScanKeys()
    {
        var filter = _filter;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _repository.ForEachKeyAsync(key => filter.Add(key), _stopping.Token).ContinueWith(
            t => new KeysScanned(System.Diagnostics.Stopwatch.GetElapsedTime(started),
                t.IsCompletedSuccessfully ? null : t.Exception ?? (Exception)new OperationCanceledException()),
            TaskScheduler.Default).PipeTo(Self);
    }

    protected override void PostStop() => _stopping.Cancel();

    private void FlushLoads()
    {
        while (_loads.Count > 0 && _loadsInFlight < MaxLoadsInFlight)
        {
            var take = Math.Min(MaxBatch, _loads.Count);
            var batch = _loads.GetRange(0, take);
            _loads.RemoveRange(0, take);
            _loadsInFlight++;
            var keys = batch.Select(static b => b.Key).Distinct(StringComparer.Ordinal).ToList();
            _repository.LoadAsync(keys, _stopping.Token).ContinueWith(
                t => new LoadsDone(batch, t.IsCompletedSuccessfully ? t.Result : null, t.Exception?.GetBaseException()),
                TaskScheduler.Default).PipeTo(Self);
        }
    }

    private void FlushSaves()
    {
        Timers.Cancel("saves");
        if (_saving || _saves.Count == 0) return;
        _saving = true;
        var batch = _saves.Values.Take(MaxBatch).ToList();
        foreach (var s in batch) _saves.Remove(s.State.Key);
        _repository.SaveAsync(batch.Select(b => b.State).ToList(), _stopping.Token).ContinueWith(
            t => new SavesDone(batch, t.Exception?.GetBaseException()), TaskScheduler.Default).PipeTo(Self);
    }

    private sealed record LoadsDone(List<(string Key, IActorRef ReplyTo)> Requests, IReadOnlyDictionary<string, StoredEntityState>? Found, Exception? Error);

    private sealed record KeysScanned(TimeSpan Elapsed, Exception? Error);

    private sealed record SavesDone(List<(StoredEntityState State, IActorRef ReplyTo)> Saves, Exception? Error);


    private sealed class FlushSavesTick
    {
        public static readonly FlushSavesTick Instance = new();
    }
}

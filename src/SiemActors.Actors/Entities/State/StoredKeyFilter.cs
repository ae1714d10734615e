namespace SiemActors.Actors.Entities.State;

/// <summary>
/// Which entity keys may have a saved state, so that a partition makes an entity it has never seen at once instead of
/// asking the database and waiting for "not found": in a burst of new IPs nearly every load is that, and on SQLite a
/// load that finds nothing cost as much as one that finds a row.
/// <para>
/// Sound only while this process is the database's only writer: it knows the keys that were in the table when it
/// started (read once, in the background) and the keys it saves itself. So it answers "maybe" for every key until both
/// the key scan has finished and the cluster has shown this node to be alone (<see cref="SoleWriterGuard"/>), and for
/// good once another member appears; with PostgreSQL, where nodes share the table, it is <see cref="Off"/>.
/// </para>
/// </summary>
public sealed class StoredKeyFilter
{
    private const int Waiting = 0, Usable = 1, Disabled = 2;
    private readonly GrowingBloomFilter _keys;
    private readonly object _gate = new();
    private volatile int _state;
    private bool _keysLoaded, _alone;

    public StoredKeyFilter(int initialCapacity = 1 << 20)
    {
        _keys = new GrowingBloomFilter(initialCapacity);
    }

    private StoredKeyFilter(bool off) : this(1)
    {
        if (off) _state = Disabled;
    }

    /// <summary>A filter that always answers "maybe": every missing entity is looked up.</summary>
    public static StoredKeyFilter Off { get; } = new(off: true);

    /// <summary>True once its "no" can be trusted.</summary>
    public bool IsUsable => _state == Usable;

    public bool IsDisabled => _state == Disabled;

    /// <summary>Keys known (the table's at start plus the ones saved since); approximate.</summary>
    public long KnownKeys => _keys.Count;

    public long Bytes => _keys.Bytes;

    /// <summary>False only when <paramref name="storeKey"/> certainly has no saved state.</summary>
    public bool MightBeStored(ReadOnlySpan<char> storeKey) => _state != Usable || _keys.MightContain(storeKey);

    /// <summary>Records a key about to be saved; call before the save is sent, so no later lookup can miss it.</summary>
    public void Add(ReadOnlySpan<char> storeKey)
    {
        if (_state != Disabled) _keys.Add(storeKey);
    }

    /// <summary>Every key that was in the table at start has been <see cref="Add"/>ed.</summary>
    public void KeysLoaded()
    {
        lock (_gate)
        {
            _keysLoaded = true;
            Update();
        }
    }

    /// <summary>The cluster has this node up and no other member.</summary>
    public void Alone()
    {
        lock (_gate)
        {
            _alone = true;
            Update();
        }
    }

    /// <summary>Another node may write the table: from now on every missing entity is looked up.</summary>
    public void OtherWriter()
    {
        lock (_gate) _state = Disabled;
    }

    private void Update()
    {
        if (_state == Waiting && _keysLoaded && _alone) _state = Usable;
    }
}

namespace SiemActors.Domain.Entities;

/// <summary>
/// A bounded set of recently seen values with their first and last-seen time and count. At capacity the
/// least recently seen value is evicted, so an attacker cycling through a million user names costs an
/// entity a fixed amount of memory. Linear scans are fine at the small capacities entities use.
/// Storage grows on demand (nothing until the first value, then 1, 2, 4 ... capacity), because most
/// entities of a scan see one value and then go idle.
/// Each value kept is the shared copy from <see cref="SharedValues"/>: a value arrives as an event's own string or a
/// snapshot's, and a million entities that saw the same user agent, user name, path or address would otherwise each keep
/// a copy (a browser user agent is about 250 bytes).
/// <para>
/// A mutable struct, held in a plain (not readonly) field of its entity and passed by reference: as a class it was one
/// more object per set in use, up to three per entity, which a million entities pay in headers and GC marking time.
/// An empty set holds nothing but its capacity.
/// </para>
/// </summary>
public struct RecentSet
{
    private readonly int _capacity;
    private Entry[]? _entries;
    private int _count;

    public RecentSet(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public readonly int Count => _count;
    public readonly int Capacity => _capacity;
    // Not `? [] :`: beside an ArraySegment that is default(ArraySegment), whose enumeration throws (its array is null).
    public readonly IReadOnlyList<Entry> Entries => _entries is null ? Array.Empty<Entry>() : new ArraySegment<Entry>(_entries, 0, _count);

    /// <summary>Records <paramref name="value"/> at <paramref name="unixSeconds"/>; returns whether it was already present.</summary>
    public bool Touch(string value, long unixSeconds)
    {
        var i = IndexOf(value);
        if (i >= 0)
        {
            ref var e = ref _entries![i];
            e = e with { LastSeen = Math.Max(e.LastSeen, unixSeconds), FirstSeen = Math.Min(e.FirstSeen, unixSeconds), Count = e.Count + 1 };
            return true;
        }
        Put(new Entry(value, unixSeconds, unixSeconds, 1));
        return false;
    }

    public readonly bool Contains(string value) => IndexOf(value) >= 0;

    /// <summary>How many values were seen at or after <paramref name="sinceUnixSeconds"/>.</summary>
    public readonly int CountSince(long sinceUnixSeconds)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
            if (_entries![i].LastSeen >= sinceUnixSeconds) n++;
        return n;
    }

    /// <summary>Restores an entry from a snapshot; bypasses counting. At capacity the least recently seen entry makes room.</summary>
    public void Restore(Entry entry)
    {
        if (IndexOf(entry.Value) >= 0) return;
        Put(entry);
    }

    private void Put(Entry entry)
    {
        // Only on insert: a value already present costs no hashing.
        entry = entry with { Value = SharedValues.Get(entry.Value) };
        if (_count >= _capacity)
        {
            _entries![IndexOfOldest()] = entry;
            return;
        }
        if (_entries is null || _count == _entries.Length)
        {
            var grown = new Entry[Math.Min(_capacity, Math.Max(1, _count * 2))];
            if (_entries is not null) Array.Copy(_entries, grown, _count);
            _entries = grown;
        }
        _entries[_count++] = entry;
    }

    private readonly int IndexOf(string value)
    {
        for (var i = 0; i < _count; i++)
            if (string.Equals(_entries![i].Value, value, StringComparison.Ordinal)) return i;
        return -1;
    }

    private readonly int IndexOfOldest()
    {
        var oldest = 0;
        for (var i = 1; i < _count; i++)
            if (_entries![i].LastSeen < _entries[oldest].LastSeen) oldest = i;
        return oldest;
    }

    public readonly record struct Entry(string Value, long FirstSeen, long LastSeen, long Count);
}

namespace SiemActors.Domain.Entities;

/// <summary>
/// A bounded set of recently seen values with their last-seen time and count. At capacity the least
/// recently seen value is evicted, so an attacker cycling through a million user names costs an
/// entity a fixed amount of memory. Linear scans are fine at the small capacities entities use.
/// </summary>
public sealed class RecentSet
{
    private readonly int _capacity;
    private readonly List<Entry> _entries;

    public RecentSet(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _entries = new List<Entry>(Math.Min(capacity, 4));
    }

    public int Count => _entries.Count;
    public int Capacity => _capacity;
    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>Records <paramref name="value"/> at <paramref name="unixSeconds"/>; returns whether it was already present.</summary>
    public bool Touch(string value, long unixSeconds)
    {
        var i = IndexOf(value);
        if (i >= 0)
        {
            var e = _entries[i];
            _entries[i] = e with { LastSeen = Math.Max(e.LastSeen, unixSeconds), Count = e.Count + 1 };
            return true;
        }
        if (_entries.Count >= _capacity) _entries.RemoveAt(IndexOfOldest());
        _entries.Add(new Entry(value, unixSeconds, unixSeconds, 1));
        return false;
    }

    public bool Contains(string value) => IndexOf(value) >= 0;

    /// <summary>How many values were seen at or after <paramref name="sinceUnixSeconds"/>.</summary>
    public int CountSince(long sinceUnixSeconds)
    {
        var n = 0;
        foreach (var e in _entries)
            if (e.LastSeen >= sinceUnixSeconds) n++;
        return n;
    }

    /// <summary>Restores an entry from a snapshot; bypasses counting.</summary>
    public void Restore(Entry entry)
    {
        if (_entries.Count < _capacity) _entries.Add(entry);
    }

    private int IndexOf(string value)
    {
        for (var i = 0; i < _entries.Count; i++)
            if (string.Equals(_entries[i].Value, value, StringComparison.Ordinal)) return i;
        return -1;
    }

    private int IndexOfOldest()
    {
        var oldest = 0;
        for (var i = 1; i < _entries.Count; i++)
            if (_entries[i].LastSeen < _entries[oldest].LastSeen) oldest = i;
        return oldest;
    }

    public readonly record struct Entry(string Value, long FirstSeen, long LastSeen, long Count);
}

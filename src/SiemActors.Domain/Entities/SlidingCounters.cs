namespace SiemActors.Domain.Entities;

/// <summary>
/// Several counters over fixed-width time buckets, keyed by event time (unix seconds). A window sum
/// covers whole buckets, so "the last minute" with 10 s buckets means the current bucket and the five
/// before it. At most <see cref="Buckets"/> buckets are kept: the most recent ones by bucket time.
/// <para>
/// Memory is the point: a million mostly idle IP entities each hold a few of these, so storage is one
/// flat array of [bucket id, counter values...] rows that grows with the number of distinct buckets
/// actually seen (1, 2, 4 ... <see cref="Buckets"/>), not a preallocated ring.
/// </para>
/// <para>
/// Out-of-order events count in every window they still fall in. When all rows are taken, a bucket older
/// than every kept one is dropped (it lies outside every window that matters) and a newer one replaces the
/// oldest row. No "newest time" is remembered, so one misdated line far in the future costs one row,
/// it does not blind the counters to the present.
/// </para>
/// </summary>
public sealed class SlidingCounters
{
    private readonly int _bucketSeconds;
    private readonly int _buckets;
    private readonly int _counters;
    private long[]? _rows;   // [row * stride] = bucket id, then one value per counter
    private int _used;

    public SlidingCounters(int bucketSeconds, int buckets, int counters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(counters, 1);
        _bucketSeconds = bucketSeconds;
        _buckets = buckets;
        _counters = counters;
    }

    public int BucketSeconds => _bucketSeconds;
    public int Buckets => _buckets;
    public int Counters => _counters;
    /// <summary>Buckets currently held (for snapshots and memory accounting).</summary>
    public int UsedBuckets => _used;
    private int Stride => _counters + 1;

    /// <summary>Adds <paramref name="amount"/> to one counter at event time <paramref name="unixSeconds"/>.</summary>
    public void Add(long unixSeconds, int counter, long amount)
    {
        var row = RowFor(FloorDiv(unixSeconds, _bucketSeconds));
        if (row >= 0) _rows![row * Stride + 1 + counter] += amount;
    }

    /// <summary>Kept for callers written against the ring version; the newest time is no longer needed.</summary>
    public void Add(long unixSeconds, int counter, long amount, long newestUnixSeconds) => Add(unixSeconds, counter, amount);

    /// <summary>Sum of one counter over the <paramref name="windowBuckets"/> buckets ending with the one holding <paramref name="nowUnixSeconds"/>.</summary>
    public long Sum(long nowUnixSeconds, int counter, int windowBuckets)
    {
        if (_rows is null) return 0;
        var now = FloorDiv(nowUnixSeconds, _bucketSeconds);
        var oldest = now - Math.Min(windowBuckets, _buckets) + 1;
        long sum = 0;
        var stride = Stride;
        for (var r = 0; r < _used; r++)
        {
            var id = _rows[r * stride];
            if (id >= oldest && id <= now) sum += _rows[r * stride + 1 + counter];
        }
        return sum;
    }

    /// <summary>True when no kept bucket is inside the span of <see cref="Buckets"/> ending at <paramref name="nowUnixSeconds"/>.</summary>
    public bool IsEmptyAt(long nowUnixSeconds)
    {
        var now = FloorDiv(nowUnixSeconds, _bucketSeconds);
        for (var r = 0; r < _used; r++)
        {
            var id = _rows![r * Stride];
            if (id > now - _buckets && id <= now) return false;
        }
        return true;
    }

    /// <summary>The kept rows, flat ([bucket id, values...] per bucket), for a snapshot.</summary>
    public long[] Export()
    {
        if (_rows is null) return [];
        var copy = new long[_used * Stride];
        Array.Copy(_rows, copy, copy.Length);
        return copy;
    }

    /// <summary>Restores rows written by <see cref="Export"/>; rows beyond capacity or of another shape are ignored.</summary>
    public void Import(ReadOnlySpan<long> rows)
    {
        var stride = Stride;
        var n = Math.Min(rows.Length / stride, _buckets);
        _rows = n == 0 ? null : new long[n * stride];
        _used = n;
        if (n > 0) rows[..(n * stride)].CopyTo(_rows);
    }

    private int RowFor(long bucket)
    {
        var stride = Stride;
        var oldestRow = -1;
        for (var r = 0; r < _used; r++)
        {
            var id = _rows![r * stride];
            if (id == bucket) return r;
            if (oldestRow < 0 || id < _rows[oldestRow * stride]) oldestRow = r;
        }
        int row;
        if (_used < _buckets)
        {
            Grow();
            row = _used++;
        }
        else if (bucket > _rows![oldestRow * stride]) row = oldestRow;
        else return -1; // older than every kept bucket: outside every window
        _rows![row * stride] = bucket;
        Array.Clear(_rows, row * stride + 1, _counters);
        return row;
    }

    private void Grow()
    {
        var stride = Stride;
        var capacity = _rows is null ? 0 : _rows.Length / stride;
        if (_used < capacity) return;
        var next = Math.Min(_buckets, Math.Max(1, capacity * 2));
        var grown = new long[next * stride];
        if (_rows is not null) Array.Copy(_rows, grown, _used * stride);
        _rows = grown;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}

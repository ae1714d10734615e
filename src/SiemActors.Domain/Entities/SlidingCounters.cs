using System.Runtime.CompilerServices;

namespace SiemActors.Domain.Entities;

/// <summary>
/// Several counters over fixed-width time buckets, keyed by event time (unix seconds). A window sum
/// covers whole buckets, so "the last minute" with 10 s buckets means the current bucket and the five
/// before it. At most <see cref="Buckets"/> buckets are kept: the most recent ones by bucket time.
/// <para>
/// Memory is the point: a million IP entities each hold a few of these, so storage is one flat int array of
/// [bucket id, counter values...] rows that grows with the number of distinct buckets actually seen (1, 2, 4 ...
/// <see cref="Buckets"/>), not a preallocated ring. Counts are 32-bit (they saturate instead of wrapping; no source
/// sends two billion events into one bucket); the last <c>wideCounters</c> counters are 64-bit (bytes), stored as two
/// cells. A row of seven counters is 36 bytes instead of 64 as longs.
/// </para>
/// <para>
/// Out-of-order events count in every window they still fall in. When all rows are taken, a bucket older
/// than every kept one is dropped (it lies outside every window that matters) and a newer one replaces the
/// oldest row. No "newest time" is remembered, so one misdated line far in the future costs one row,
/// it does not blind the counters to the present.
/// </para>
/// <para>
/// A mutable struct, held in a plain (not readonly) field of its owner and never copied: as a class it was one more
/// object per window per IP, three per IP, which a million IP entities pay in headers and in GC marking time.
/// </para>
/// </summary>
public struct SlidingCounters
{
    private readonly int _bucketSeconds;
    private readonly byte _buckets;
    private readonly byte _counters;
    private readonly byte _narrow;   // counters kept in one cell; the rest take two
    private byte _used;
    private int[]? _rows;   // [row * stride] = bucket id, then the narrow counters, then the wide ones (two cells each)

    public SlidingCounters(int bucketSeconds, int buckets, int counters, int wideCounters = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(buckets, byte.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(counters, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(counters, 64);
        ArgumentOutOfRangeException.ThrowIfNegative(wideCounters);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wideCounters, counters);
        _bucketSeconds = bucketSeconds;
        _buckets = (byte)buckets;
        _counters = (byte)counters;
        _narrow = (byte)(counters - wideCounters);
    }

    public readonly int BucketSeconds => _bucketSeconds;
    public readonly int Buckets => _buckets;
    public readonly int Counters => _counters;
    /// <summary>Buckets currently held (for snapshots and memory accounting).</summary>
    public readonly int UsedBuckets => _used;
    private readonly int Stride => 1 + _narrow + 2 * (_counters - _narrow);

    /// <summary>Adds <paramref name="amount"/> to one counter at event time <paramref name="unixSeconds"/>.</summary>
    public void Add(long unixSeconds, int counter, long amount)
    {
        var row = RowFor(BucketOf(unixSeconds));
        if (row < 0) return;
        var cell = Cell(row * Stride, counter);
        if (counter < _narrow) _rows![cell] = (int)Math.Clamp(_rows[cell] + amount, int.MinValue, int.MaxValue);
        else Wide(cell) += amount;
    }

    /// <summary>Kept for callers written against the ring version; the newest time is no longer needed.</summary>
    public void Add(long unixSeconds, int counter, long amount, long newestUnixSeconds) => Add(unixSeconds, counter, amount);

    /// <summary>Sum of one counter over the <paramref name="windowBuckets"/> buckets ending with the one holding <paramref name="nowUnixSeconds"/>.</summary>
    public readonly long Sum(long nowUnixSeconds, int counter, int windowBuckets)
    {
        if (_rows is null) return 0;
        var now = BucketOf(nowUnixSeconds);
        var oldest = now - Math.Min(windowBuckets, _buckets) + 1L;
        long sum = 0;
        var stride = Stride;
        for (var r = 0; r < _used; r++)
        {
            var start = r * stride;
            var id = _rows[start];
            if (id >= oldest && id <= now) sum += Value(start, counter);
        }
        return sum;
    }

    /// <summary>True when no kept bucket is inside the span of <see cref="Buckets"/> ending at <paramref name="nowUnixSeconds"/>.</summary>
    public readonly bool IsEmptyAt(long nowUnixSeconds)
    {
        var now = BucketOf(nowUnixSeconds);
        for (var r = 0; r < _used; r++)
        {
            var id = _rows![r * Stride];
            if (id > now - (long)_buckets && id <= now) return false;
        }
        return true;
    }

    /// <summary>The kept rows as longs, [bucket id, values...] per bucket, for a snapshot (the format before cells were 32-bit).</summary>
    public readonly long[] Export()
    {
        if (_rows is null) return [];
        var perRow = 1 + _counters;
        var copy = new long[_used * perRow];
        for (var r = 0; r < _used; r++)
        {
            var start = r * Stride;
            copy[r * perRow] = _rows[start];
            for (var c = 0; c < _counters; c++) copy[r * perRow + 1 + c] = Value(start, c);
        }
        return copy;
    }

    /// <summary>Restores rows written by <see cref="Export"/>; rows beyond capacity or of another shape are ignored.</summary>
    public void Import(ReadOnlySpan<long> rows)
    {
        var perRow = 1 + _counters;
        var n = Math.Min(rows.Length / perRow, _buckets);
        _rows = n == 0 ? null : new int[n * Stride];
        _used = (byte)n;
        for (var r = 0; r < n; r++)
        {
            var start = r * Stride;
            _rows![start] = Clamp(rows[r * perRow]);
            for (var c = 0; c < _counters; c++)
            {
                var value = rows[r * perRow + 1 + c];
                var cell = Cell(start, c);
                if (c < _narrow) _rows[cell] = Clamp(value);
                else Wide(cell) = value;
            }
        }
    }

    private readonly long Value(int rowStart, int counter)
    {
        var cell = Cell(rowStart, counter);
        return counter < _narrow ? _rows![cell] : Wide(cell);
    }

    private readonly int Cell(int rowStart, int counter) =>
        counter < _narrow ? rowStart + 1 + counter : rowStart + 1 + _narrow + 2 * (counter - _narrow);

    /// <summary>Two adjacent cells read as one long (unaligned: x64 and arm64 do not mind).</summary>
    private readonly ref long Wide(int cell) => ref Unsafe.As<int, long>(ref _rows![cell]);

    private int RowFor(int bucket)
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
        Array.Clear(_rows, row * stride + 1, stride - 1);
        return row;
    }

    private void Grow()
    {
        var stride = Stride;
        var capacity = _rows is null ? 0 : _rows.Length / stride;
        if (_used < capacity) return;
        var next = Math.Min((int)_buckets, Math.Max(1, capacity * 2));
        var grown = new int[next * stride];
        if (_rows is not null) Array.Copy(_rows, grown, _used * stride);
        _rows = grown;
    }

    /// <summary>The bucket holding a time; misdated times far outside int range pin to its ends.</summary>
    private readonly int BucketOf(long unixSeconds) => Clamp(FloorDiv(unixSeconds, _bucketSeconds));

    private static int Clamp(long v) => (int)Math.Clamp(v, int.MinValue + 1L, int.MaxValue);

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}

namespace SiemActors.Domain.Entities;

/// <summary>
/// Several counters over a ring of fixed-width time buckets, keyed by event time (unix seconds).
/// A window sum covers whole buckets, so "the last minute" with 10 s buckets means the current bucket
/// and the five before it. Events older than the ring are ignored: they fall outside every window.
/// One flat array for all counters keeps an entity to two allocations however many counters it tracks.
/// </summary>
public sealed class SlidingCounters
{
    private readonly int _bucketSeconds;
    private readonly int _buckets;
    private readonly int _counters;
    private readonly long[] _bucketIds;   // which absolute bucket each slot currently holds
    private readonly long[] _values;      // [slot * _counters + counter]

    public SlidingCounters(int bucketSeconds, int buckets, int counters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(counters, 1);
        _bucketSeconds = bucketSeconds;
        _buckets = buckets;
        _counters = counters;
        _bucketIds = new long[buckets];
        Array.Fill(_bucketIds, long.MinValue);
        _values = new long[buckets * counters];
    }

    public int BucketSeconds => _bucketSeconds;
    public int Buckets => _buckets;
    public int Counters => _counters;

    /// <summary>Adds <paramref name="amount"/> to one counter at event time <paramref name="unixSeconds"/>.</summary>
    /// <param name="newestUnixSeconds">The newest time this entity has seen; older buckets than the ring holds are dropped.</param>
    public void Add(long unixSeconds, int counter, long amount, long newestUnixSeconds)
    {
        var bucket = FloorDiv(unixSeconds, _bucketSeconds);
        var newest = FloorDiv(Math.Max(newestUnixSeconds, unixSeconds), _bucketSeconds);
        if (bucket <= newest - _buckets) return;
        var slot = (int)FloorMod(bucket, _buckets);
        if (_bucketIds[slot] != bucket)
        {
            _bucketIds[slot] = bucket;
            Array.Clear(_values, slot * _counters, _counters);
        }
        _values[slot * _counters + counter] += amount;
    }

    /// <summary>Sum of one counter over the <paramref name="windowBuckets"/> buckets ending with the one holding <paramref name="nowUnixSeconds"/>.</summary>
    public long Sum(long nowUnixSeconds, int counter, int windowBuckets)
    {
        var now = FloorDiv(nowUnixSeconds, _bucketSeconds);
        var oldest = now - Math.Min(windowBuckets, _buckets) + 1;
        long sum = 0;
        for (var slot = 0; slot < _buckets; slot++)
        {
            var id = _bucketIds[slot];
            if (id >= oldest && id <= now) sum += _values[slot * _counters + counter];
        }
        return sum;
    }

    /// <summary>True when no bucket is inside the ring relative to <paramref name="nowUnixSeconds"/>: the state can be dropped.</summary>
    public bool IsEmptyAt(long nowUnixSeconds)
    {
        var now = FloorDiv(nowUnixSeconds, _bucketSeconds);
        foreach (var id in _bucketIds)
            if (id > now - _buckets) return false;
        return true;
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
    private static long FloorMod(long a, long b) => ((a % b) + b) % b;
}

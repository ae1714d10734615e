namespace SiemActors.Actors.Entities.State;

/// <summary>
/// A set that answers "certainly not added" or "maybe added", in about 12 bits per key, and grows with the keys instead
/// of needing their number up front: when a segment holds its capacity a new one twice its size is started, and a key
/// is looked for in each. Blocked layout (all of a key's bits in one 64-byte line) so a lookup touches one cache line
/// per segment. Adds and lookups are safe from many threads at once without a lock; growing takes one.
/// </summary>
public sealed class GrowingBloomFilter
{
    private const int WordsPerBlock = 8;          // 512 bits: one cache line
    private const int BitsPerKey = 12;            // with 7 probes in a 512-bit block: about 0.5% false positives per full segment
    private const int Probes = 7;
    private readonly object _grow = new();
    private volatile Segment[] _segments;

    public GrowingBloomFilter(int initialCapacity = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _segments = [new Segment(initialCapacity)];
    }

    /// <summary>
    /// Keys added, approximately: a key that already looked present is not counted again (nor added), and two threads
    /// adding the same new key at once may both count it. For logs and tests.
    /// </summary>
    public long Count
    {
        get
        {
            long n = 0;
            foreach (var s in _segments) n += Volatile.Read(ref s.Count);
            return n;
        }
    }

    /// <summary>Bytes held by the bit arrays.</summary>
    public long Bytes
    {
        get
        {
            long n = 0;
            foreach (var s in _segments) n += s.Words.LongLength * sizeof(ulong);
            return n;
        }
    }

    public bool MightContain(ReadOnlySpan<char> key)
    {
        var hash = Hash(key);
        foreach (var segment in _segments)
            if (segment.MightContain(hash)) return true;
        return false;
    }

    public void Add(ReadOnlySpan<char> key)
    {
        var hash = Hash(key);
        var segments = _segments;
        foreach (var segment in segments)
            if (segment.MightContain(hash)) return;   // saves re-adding a key every time its entity is saved
        var last = segments[^1];
        last.Add(hash);
        if (Interlocked.Increment(ref last.Count) > last.Capacity) Grow(last);
    }

    private void Grow(Segment full)
    {
        lock (_grow)
        {
            var segments = _segments;
            if (!ReferenceEquals(segments[^1], full)) return;
            var next = new Segment((int)Math.Min(int.MaxValue / 2, (long)full.Capacity * 2));
            _segments = [.. segments, next];
        }
    }

    /// <summary>
    /// 64 well-mixed bits from the process's randomized string hash (so nobody outside can craft keys that collide
    /// on purpose); the block is chosen from the high half, the probes from the rest.
    /// </summary>
    private static ulong Hash(ReadOnlySpan<char> key)
    {
        var h = (ulong)(uint)string.GetHashCode(key) * 0x9E3779B97F4A7C15UL;
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9UL;
        return h ^ (h >> 29);
    }

    private sealed class Segment
    {
        public readonly int Capacity;
        public readonly ulong[] Words;
        public long Count;
        private readonly uint _blocks;

        public Segment(int capacity)
        {
            Capacity = capacity;
            _blocks = (uint)Math.Max(1, (long)capacity * BitsPerKey / (WordsPerBlock * 64));
            Words = new ulong[_blocks * WordsPerBlock];
        }

        public bool MightContain(ulong hash)
        {
            var block = Block(hash);
            var probes = hash * 0x9E3779B97F4A7C15UL;
            for (var i = 0; i < Probes; i++, probes >>= 9)
            {
                var bit = (int)(probes & 511);
                if ((Volatile.Read(ref Words[block + (bit >> 6)]) & (1UL << bit)) == 0) return false;
            }
            return true;
        }

        public void Add(ulong hash)
        {
            var block = Block(hash);
            var probes = hash * 0x9E3779B97F4A7C15UL;
            for (var i = 0; i < Probes; i++, probes >>= 9)
            {
                var bit = (int)(probes & 511);
                Interlocked.Or(ref Words[block + (bit >> 6)], 1UL << bit);
            }
        }

        private int Block(ulong hash) => (int)(((hash >> 32) * _blocks) >> 32) * WordsPerBlock;
    }
}

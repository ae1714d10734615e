using SiemActors.Domain.Entities;
using Xunit;

namespace SiemActors.Domain.Tests.Entities;

public sealed class SlidingCountersTests
{
    private const long T = 1_768_275_900; // a multiple of 10 s

    [Fact]
    public void A_window_holds_whole_buckets_and_drops_them_at_the_exact_boundary()
    {
        var c = new SlidingCounters(bucketSeconds: 10, buckets: 60, counters: 1);
        c.Add(T, 0, 1, T);          // bucket [T, T+10)
        c.Add(T + 9, 0, 1, T + 9);  // same bucket

        Assert.Equal(2, c.Sum(T + 59, 0, 6));  // buckets T .. T+50: still inside one minute
        Assert.Equal(0, c.Sum(T + 60, 0, 6));  // the bucket at T has left the 6-bucket window
        Assert.Equal(2, c.Sum(T + 599, 0, 60));
        Assert.Equal(0, c.Sum(T + 600, 0, 60));
    }

    [Fact]
    public void Out_of_order_events_inside_the_ring_count_and_older_ones_are_ignored()
    {
        var c = new SlidingCounters(10, 60, 1);
        c.Add(T + 300, 0, 1, T + 300);
        c.Add(T + 250, 0, 1, T + 300);     // 50 s late: inside the ring
        c.Add(T - 400, 0, 1, T + 300);     // 700 s late: older than the ring, must not pollute a reused slot
        Assert.Equal(2, c.Sum(T + 300, 0, 60));
        Assert.Equal(1, c.Sum(T + 300, 0, 1));
    }

    [Fact]
    public void A_reused_slot_starts_from_zero()
    {
        var c = new SlidingCounters(10, 6, 2);
        c.Add(T, 1, 5, T);
        c.Add(T + 60, 1, 1, T + 60);   // same slot, next lap of the ring
        Assert.Equal(1, c.Sum(T + 60, 1, 6));
        Assert.True(c.IsEmptyAt(T + 200));
        Assert.False(c.IsEmptyAt(T + 60));
    }
}

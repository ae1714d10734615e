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

    [Fact]
    public void Wide_counters_hold_more_than_32_bits_and_narrow_ones_saturate_instead_of_wrapping()
    {
        var c = new SlidingCounters(10, 6, counters: 3, wideCounters: 1);
        c.Add(T, 2, 3_000_000_000L);
        c.Add(T + 1, 2, 3_000_000_000L);
        c.Add(T, 0, int.MaxValue);
        c.Add(T, 0, 10);
        c.Add(T + 10, 1, 7);

        Assert.Equal(6_000_000_000L, c.Sum(T + 10, 2, 6));
        Assert.Equal(int.MaxValue, c.Sum(T + 10, 0, 6));
        Assert.Equal(7, c.Sum(T + 10, 1, 1));
        Assert.Equal(0, c.Sum(T + 10, 0, 1));
    }

    [Fact]
    public void Export_and_import_keep_the_long_row_layout_of_snapshots()
    {
        var c = new SlidingCounters(10, 6, counters: 3, wideCounters: 1);
        c.Add(T, 0, 1);
        c.Add(T, 2, 5_000_000_000L);
        c.Add(T + 20, 1, 4);

        var rows = c.Export();
        // [bucket id, c0, c1, c2] per kept bucket, as snapshots written before 32-bit cells hold them.
        Assert.Equal([T / 10, 1, 0, 5_000_000_000L, T / 10 + 2, 0, 4, 0], rows);

        var restored = new SlidingCounters(10, 6, counters: 3, wideCounters: 1);
        restored.Import(rows);
        Assert.Equal(rows, restored.Export());
        Assert.Equal(5_000_000_000L, restored.Sum(T + 20, 2, 6));
        Assert.Equal(4, restored.Sum(T + 20, 1, 1));
    }

    [Fact]
    public void A_time_far_outside_the_int_range_of_buckets_costs_one_row_and_leaves_the_present_alone()
    {
        var c = new SlidingCounters(10, 2, 1);
        c.Add(T, 0, 1);
        c.Add(long.MaxValue / 2, 0, 1);   // a misdated line, centuries ahead
        c.Add(T + 10, 0, 1);

        Assert.Equal(1, c.Sum(T + 10, 0, 1));
        Assert.Equal(1, c.Sum(long.MaxValue / 2, 0, 1));
    }
}

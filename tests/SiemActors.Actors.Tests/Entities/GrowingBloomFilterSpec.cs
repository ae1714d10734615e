using SiemActors.Actors.Entities.State;
using Xunit;

namespace SiemActors.Actors.Tests.Entities;

public sealed class GrowingBloomFilterSpec
{
    [Fact]
    public void Never_forgets_a_key_while_growing_far_past_its_first_capacity()
    {
        var filter = new GrowingBloomFilter(initialCapacity: 1_000);
        var keys = Enumerable.Range(0, 50_000).Select(i => $"ip-10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}").ToList();
        foreach (var key in keys) filter.Add(key);

        Assert.All(keys, key => Assert.True(filter.MightContain(key), key));
        // A new key that already looks present is not added again (a false positive), so the count is a little short.
        Assert.InRange(filter.Count, 48_000, 50_000);
        // Grown to segments of 1k, 2k, ... 64k keys at ~12 bits each, not sized for the worst case up front.
        Assert.InRange(filter.Bytes, 50_000 * 12 / 8, 130_000 * 12 / 8 + 1024);
    }

    [Fact]
    public void Says_no_for_nearly_every_key_it_was_not_given()
    {
        var filter = new GrowingBloomFilter(initialCapacity: 4_096);
        for (var i = 0; i < 100_000; i++) filter.Add($"ip-{i}");

        var falsePositives = Enumerable.Range(0, 100_000).Count(i => filter.MightContain($"user-{i}"));

        // ~0.5% per full segment, and a lookup asks each of the 5 segments this grows to.
        Assert.InRange(falsePositives, 0, 4_000);
    }

    [Fact]
    public void Keys_added_from_many_threads_at_once_are_all_found()
    {
        var filter = new GrowingBloomFilter(initialCapacity: 256);
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (var i = 0; i < 20_000; i++) filter.Add($"t{t}-{i}");
        });

        for (var t = 0; t < 8; t++)
            for (var i = 0; i < 20_000; i++)
                Assert.True(filter.MightContain($"t{t}-{i}"));
    }

    [Fact]
    public void An_empty_filter_contains_nothing()
    {
        var filter = new GrowingBloomFilter();
        Assert.False(filter.MightContain("ip-203.0.113.9"));
        Assert.False(filter.MightContain(""));
    }
}

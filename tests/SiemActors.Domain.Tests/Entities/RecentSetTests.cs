using SiemActors.Domain.Entities;
using Xunit;

namespace SiemActors.Domain.Tests.Entities;

public sealed class RecentSetTests
{
    [Fact]
    public void Stays_within_capacity_under_a_million_distinct_values_and_keeps_the_most_recent()
    {
        var set = new RecentSet(64);
        for (var i = 0; i < 1_000_000; i++) set.Touch("user" + i, i);
        Assert.Equal(64, set.Count);
        Assert.True(set.Contains("user999999"));
        Assert.True(set.Contains("user999936"));
        Assert.False(set.Contains("user999935"));
    }

    [Fact]
    public void Evicts_the_least_recently_seen_not_the_oldest_inserted()
    {
        var set = new RecentSet(2);
        set.Touch("a", 1);
        set.Touch("b", 2);
        set.Touch("a", 3);      // a is now the more recent
        set.Touch("c", 4);      // evicts b
        Assert.True(set.Contains("a"));
        Assert.False(set.Contains("b"));
        Assert.Equal(2, set.Entries.Single(e => e.Value == "a").Count);
    }

    [Fact]
    public void Counts_values_seen_since_a_time()
    {
        var set = new RecentSet(8);
        set.Touch("a", 100);
        set.Touch("b", 200);
        set.Touch("c", 300);
        Assert.Equal(2, set.CountSince(200));
    }
}

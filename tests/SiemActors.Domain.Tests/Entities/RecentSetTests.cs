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

    [Fact]
    public void Sets_keep_one_shared_copy_of_equal_values_inserted_or_restored()
    {
        const string agent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        string Parsed() => new(agent.AsSpan());
        var first = new RecentSet(4);
        var second = new RecentSet(4);

        first.Touch(Parsed(), 1);
        second.Touch(Parsed(), 2);
        // A restored entry (from a snapshot) is shared too.
        var restored = new RecentSet(4);
        restored.Restore(new RecentSet.Entry(Parsed(), 1, 2, 3));

        Assert.Same(first.Entries[0].Value, second.Entries[0].Value);
        Assert.Same(first.Entries[0].Value, restored.Entries[0].Value);
        Assert.Equal(agent, second.Entries[0].Value);
        Assert.Equal(new RecentSet.Entry(agent, 1, 2, 3), restored.Entries[0]);
    }

    [Fact]
    public void An_empty_set_lists_no_entries()
    {
        var set = new RecentSet(4);
        Assert.Empty(set.Entries);
        Assert.Equal(0, set.CountSince(0));
        Assert.Null(SeenSnapshot.From(set));
    }
}

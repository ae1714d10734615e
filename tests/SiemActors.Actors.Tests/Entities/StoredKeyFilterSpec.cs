using SiemActors.Actors.Entities.State;
using Xunit;

namespace SiemActors.Actors.Tests.Entities;

public sealed class StoredKeyFilterSpec
{
    [Fact]
    public void Says_maybe_for_everything_until_the_keys_are_read_and_the_node_is_known_to_be_alone()
    {
        var filter = new StoredKeyFilter();
        filter.Add("ip-1.2.3.4");
        Assert.True(filter.MightBeStored("ip-9.9.9.9"));

        filter.KeysLoaded();
        Assert.False(filter.IsUsable);
        Assert.True(filter.MightBeStored("ip-9.9.9.9"));

        filter.Alone();
        Assert.True(filter.IsUsable);
        Assert.False(filter.MightBeStored("ip-9.9.9.9"));
        Assert.True(filter.MightBeStored("ip-1.2.3.4"));
    }

    [Fact]
    public void Alone_before_the_keys_are_read_is_not_enough()
    {
        var filter = new StoredKeyFilter();
        filter.Alone();
        Assert.False(filter.IsUsable);
        Assert.True(filter.MightBeStored("ip-9.9.9.9"));
    }

    [Fact]
    public void Another_writer_turns_it_off_for_good()
    {
        var filter = new StoredKeyFilter();
        filter.KeysLoaded();
        filter.Alone();
        filter.OtherWriter();
        filter.Alone();

        Assert.True(filter.IsDisabled);
        Assert.False(filter.IsUsable);
        Assert.True(filter.MightBeStored("ip-9.9.9.9"));
    }

    [Fact]
    public void Off_never_says_no()
    {
        StoredKeyFilter.Off.KeysLoaded();
        StoredKeyFilter.Off.Alone();
        Assert.True(StoredKeyFilter.Off.MightBeStored("ip-9.9.9.9"));
        Assert.True(StoredKeyFilter.Off.IsDisabled);
    }
}

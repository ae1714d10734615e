namespace SiemActors.Actors.Entities;

/// <summary>
/// Maps an entity key (an IP, a user name) to one of <see cref="Count"/> partitions. The hash is FNV-1a over the
/// key's characters, so every node and every restart agrees on the partition (string.GetHashCode is randomised per
/// process). Stored state is keyed by entity, not by partition, so the count may change between restarts.
/// </summary>
public sealed class EntityPartitioner
{
    private readonly string[] _ids;

    public EntityPartitioner(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 65536);
        _ids = new string[count];
        for (var i = 0; i < count; i++) _ids[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Count => _ids.Length;

    /// <summary>The partition's entity id (and shard id): its number as a string, never allocated per call.</summary>
    public string IdOf(string key) => _ids[IndexOf(key)];

    public int IndexOf(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        // Fold the high bits in: FNV's low bits alone spread short, similar keys (IPs) unevenly.
        hash ^= hash >> 15;
        return (int)(hash % (uint)_ids.Length);
    }

    /// <summary>Every partition id, for tests and tools that look at where partitions live.</summary>
    public IReadOnlyList<string> Ids => _ids;
}

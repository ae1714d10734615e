namespace SiemActors.Actors.Entities;

/// <summary>Groups the items of one batch by the entity they go to next, so each entity gets one message per batch.</summary>
internal static class EntityFanOut
{
    public static void Add(ref Dictionary<string, List<EntityItem>>? map, string key, EntityItem item)
    {
        map ??= new Dictionary<string, List<EntityItem>>(StringComparer.Ordinal);
        if (!map.TryGetValue(key, out var list)) map[key] = list = new List<EntityItem>(4);
        list.Add(item);
    }
}

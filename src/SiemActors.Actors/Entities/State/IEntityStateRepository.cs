namespace SiemActors.Actors.Entities.State;

/// <summary>One entity's saved state: the newest generation wins, whichever node wrote it.</summary>
public sealed record StoredEntityState(string Key, long Generation, string Manifest, byte[] Payload);

/// <summary>
/// Entity state in one table, read and written many rows per round trip: a burst of new IPs costs one query per
/// few hundred entities instead of a journal recovery each.
/// </summary>
public interface IEntityStateRepository
{
    Task EnsureCreatedAsync(CancellationToken ct);
    Task<IReadOnlyDictionary<string, StoredEntityState>> LoadAsync(IReadOnlyCollection<string> keys, CancellationToken ct);
    /// <summary>Upserts every row in one transaction; a row older than the stored generation is ignored.</summary>
    Task SaveAsync(IReadOnlyCollection<StoredEntityState> rows, CancellationToken ct);
    /// <summary>Calls <paramref name="key"/> with every stored key, streamed (for <see cref="StoredKeyFilter"/>).</summary>
    Task ForEachKeyAsync(Action<string> key, CancellationToken ct);
}

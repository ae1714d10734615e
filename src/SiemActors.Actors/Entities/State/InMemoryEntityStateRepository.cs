using System.Collections.Concurrent;

namespace SiemActors.Actors.Entities.State;

/// <summary>Entity state in process memory: for in-process evaluation runs and tests that do not test persistence.</summary>
public sealed class InMemoryEntityStateRepository : IEntityStateRepository
{
    private readonly ConcurrentDictionary<string, StoredEntityState> _rows = new(StringComparer.Ordinal);

    public int Count => _rows.Count;

    public Task EnsureCreatedAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, StoredEntityState>> LoadAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var found = new Dictionary<string, StoredEntityState>(StringComparer.Ordinal);
        foreach (var key in keys)
            if (_rows.TryGetValue(key, out var row)) found[key] = row;
        return Task.FromResult<IReadOnlyDictionary<string, StoredEntityState>>(found);
    }

    public Task ForEachKeyAsync(Action<string> key, CancellationToken ct)
    {
        foreach (var k in _rows.Keys) key(k);
        return Task.CompletedTask;
    }

    public Task SaveAsync(IReadOnlyCollection<StoredEntityState> rows, CancellationToken ct)
    {
        foreach (var row in rows)
            _rows.AddOrUpdate(row.Key, row, (_, old) => old.Generation <= row.Generation ? row : old);
        return Task.CompletedTask;
    }
}

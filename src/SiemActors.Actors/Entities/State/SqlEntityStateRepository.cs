using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SiemActors.Actors.Entities.State;

/// <summary>
/// <see cref="IEntityStateRepository"/> over plain ADO.NET on SQLite or PostgreSQL, in the database that holds the
/// journal. Table: <c>siem_entity_state(entity_key, generation, manifest, payload, updated_at)</c>, created if missing.
/// </summary>
public sealed class SqlEntityStateRepository(string provider, string connectionString) : IEntityStateRepository
{
    public const string Table = "siem_entity_state";
    private const int MaxKeysPerQuery = 500;
    /// <summary>Rows per INSERT: each carries four parameters, well inside SQLite's and PostgreSQL's limits. Keys are unique per batch (the store keeps the newest per entity), as ON CONFLICT requires.</summary>
    private const int RowsPerStatement = 100;
    private readonly bool _postgres = provider.Trim().ToLowerInvariant() is "postgres" or "postgresql";

    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {Table} (entity_key TEXT PRIMARY KEY, generation BIGINT NOT NULL, "
                              + $"manifest TEXT NOT NULL, payload {(_postgres ? "BYTEA" : "BLOB")} NOT NULL, updated_at BIGINT NOT NULL)";
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, StoredEntityState>> LoadAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var found = new Dictionary<string, StoredEntityState>(StringComparer.Ordinal);
        if (keys.Count == 0) return found;
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        foreach (var chunk in keys.Chunk(MaxKeysPerQuery))
        {
            await using var command = connection.CreateCommand();
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                names[i] = (_postgres ? "@k" : "$k") + i;
                Add(command, names[i], chunk[i]);
            }
            command.CommandText = $"SELECT entity_key, generation, manifest, payload FROM {Table} WHERE entity_key IN ({string.Join(",", names)})";
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var key = reader.GetString(0);
                found[key] = new StoredEntityState(key, reader.GetInt64(1), reader.GetString(2), (byte[])reader.GetValue(3));
            }
        }
        return found;
    }

    public async Task SaveAsync(IReadOnlyCollection<StoredEntityState> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var p = _postgres ? "@" : "$";
        // Many rows per statement: one round trip per hundred entities, not one each (it matters on PostgreSQL).
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var values = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                values[i] = $"({p}k{i}, {p}g{i}, {p}m{i}, {p}p{i}, {p}at)";
                Add(command, $"{p}k{i}", chunk[i].Key);
                Add(command, $"{p}g{i}", chunk[i].Generation);
                Add(command, $"{p}m{i}", chunk[i].Manifest);
                Add(command, $"{p}p{i}", chunk[i].Payload);
            }
            Add(command, p + "at", now);
            command.CommandText = $"INSERT INTO {Table} (entity_key, generation, manifest, payload, updated_at) VALUES {string.Join(", ", values)} "
                                  + "ON CONFLICT (entity_key) DO UPDATE SET generation = excluded.generation, manifest = excluded.manifest, "
                                  + $"payload = excluded.payload, updated_at = excluded.updated_at WHERE {Table}.generation <= excluded.generation";
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = _postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        if (!_postgres)
        {
            await using var pragma = connection.CreateCommand();
            // Writers queue behind the journal's writes instead of failing at once with "database is locked".
            pragma.CommandText = "PRAGMA busy_timeout = 10000;";
            await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return connection;
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

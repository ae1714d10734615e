using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SiemActors.Actors.Entities.State;

/// <summary>
/// <see cref="IEntityStateRepository"/> over plain ADO.NET on SQLite or PostgreSQL, in the database that holds the
/// journal. Table: <c>siem_entity_state(entity_key, generation, manifest, payload, updated_at)</c>, created if missing.
/// SQLite connections set <see cref="Hosting.SqlitePragmas"/>, as the journal's do: with <paramref name="groupCommit"/>,
/// saves commit without an fsync of their own (see <see cref="Hosting.SqliteGroupCommit"/>).
/// </summary>
public sealed class SqlEntityStateRepository(string provider, string connectionString, bool groupCommit = false) : IEntityStateRepository
{
    public const string Table = "siem_entity_state";
    private const int MaxKeysPerQuery = 500;
    /// <summary>Rows per INSERT on PostgreSQL. Keys are unique per batch (the store keeps the newest per entity), as ON CONFLICT requires.</summary>
    private const int PostgresRowsPerStatement = 500;
    private readonly bool _postgres = Hosting.PersistenceSettings.IsPostgresProvider(provider);

    /// <summary>PostgreSQL (the table every node of a cluster shares) rather than SQLite (one node's file).</summary>
    public bool IsPostgres => _postgres;

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
            // One parameter for all keys: SQLite finds a named parameter by a linear scan, so 500 of them cost
            // 125,000 name comparisons per query (5% of a busy node's CPU in a profile).
            if (_postgres)
            {
                command.CommandText = $"SELECT entity_key, generation, manifest, payload FROM {Table} WHERE entity_key = ANY(@keys)";
                Add(command, "@keys", chunk);
            }
            else
            {
                command.CommandText = $"SELECT entity_key, generation, manifest, payload FROM {Table} WHERE entity_key IN (SELECT value FROM json_each($keys))";
                Add(command, "$keys", JsonSerializer.Serialize(chunk));
            }
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var key = reader.GetString(0);
                found[key] = new StoredEntityState(key, reader.GetInt64(1), reader.GetString(2), (byte[])reader.GetValue(3));
            }
        }
        return found;
    }

    public async Task ForEachKeyAsync(Action<string> key, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT entity_key FROM {Table}";
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) key(reader.GetString(0));
    }

    public async Task SaveAsync(IReadOnlyCollection<StoredEntityState> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        const string upsert = $"ON CONFLICT (entity_key) DO UPDATE SET generation = excluded.generation, manifest = excluded.manifest, "
                              + $"payload = excluded.payload, updated_at = excluded.updated_at WHERE {Table}.generation <= excluded.generation";
        if (_postgres)
        {
            // Many rows per statement, each column one array parameter.
            foreach (var chunk in rows.Chunk(PostgresRowsPerStatement))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO {Table} (entity_key, generation, manifest, payload, updated_at) "
                                      + "SELECT k, g, m, p, @at FROM unnest(@k, @g, @m, @p) AS r(k, g, m, p) " + upsert;
                Add(command, "@k", chunk.Select(static r => r.Key).ToArray());
                Add(command, "@g", chunk.Select(static r => r.Generation).ToArray());
                Add(command, "@m", chunk.Select(static r => r.Manifest).ToArray());
                Add(command, "@p", chunk.Select(static r => r.Payload).ToArray());
                Add(command, "@at", now);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        else
        {
            // One prepared statement run per row: in process, a step costs no round trip, and the payload is bound as
            // the blob it is. (Rows as one JSON string with hex payloads cost hex encoding, JSON parsing and unhex on
            // every save: 3-4% of a busy node's CPU.)
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {Table} (entity_key, generation, manifest, payload, updated_at) VALUES ($k, $g, $m, $p, $at) " + upsert;
            var key = Add(command, "$k", "");
            var generation = Add(command, "$g", 0L);
            var manifest = Add(command, "$m", "");
            var payload = Add(command, "$p", Array.Empty<byte>());
            Add(command, "$at", now);
            command.Prepare();
            foreach (var row in rows)
            {
                key.Value = row.Key;
                generation.Value = row.Generation;
                manifest.Value = row.Manifest;
                payload.Value = row.Payload;
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = _postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        if (!_postgres)
        {
            // Writers queue behind the journal's writes instead of failing at once with "database is locked".
            await Hosting.SqlitePragmas.ApplyAsync(connection, groupCommit, ct).ConfigureAwait(false);
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

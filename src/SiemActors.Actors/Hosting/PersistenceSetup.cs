using System.Data;
using System.Data.Common;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence.Hosting;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace SiemActors.Actors.Hosting;

/// <summary>Journal and snapshot store on SQLite (one node) or PostgreSQL (a cluster), switched by one setting.</summary>
public static class PersistenceSetup
{
    public const string ReadJournalId = "akka.persistence.query.journal.sql";

    public static AkkaConfigurationBuilder WithSiemPersistence(this AkkaConfigurationBuilder builder, SiemOptions options)
    {
        var settings = options.Persistence;
        var (provider, mapping) = settings.IsPostgres
            ? (ProviderName.PostgreSQL15, DatabaseMapping.PostgreSql)
            : (ProviderName.SQLiteMS, DatabaseMapping.Sqlite);
        var connectionString = ConnectionString(options);
        if (mapping == DatabaseMapping.Sqlite) PrepareSqlite(connectionString);
        MoveTagsIntoJournal(mapping == DatabaseMapping.PostgreSql, connectionString);

        var journal = new Akka.Persistence.Sql.Hosting.SqlJournalOptions(isDefaultPlugin: true)
        {
            ConnectionString = connectionString,
            ProviderName = provider,
            AutoInitialize = true,
            DatabaseOptions = new JournalDatabaseOptions(mapping),
            // Tags in the journal row, not the tag table: see JournalTagColumn for why.
            TagStorageMode = TagMode.Csv,
        };
        var snapshots = new Akka.Persistence.Sql.Hosting.SqlSnapshotOptions(isDefaultPlugin: true)
        {
            ConnectionString = connectionString,
            ProviderName = provider,
            AutoInitialize = true,
            DatabaseOptions = new SnapshotDatabaseOptions(mapping),
        };
        if (mapping == DatabaseMapping.Sqlite)
        {
            var groupCommit = UsesGroupCommit(options);
            var data = new DataOptions().UseConnectionString(provider, connectionString).UseInterceptor(SqlitePragmas.Interceptor(groupCommit));
            journal.DataOptions = data;
            snapshots.DataOptions = data;
            // Akka.Persistence.Sql reads (a recovery's replay and highest sequence number, the alert index's query) in
            // a transaction, which Microsoft.Data.Sqlite begins as BEGIN IMMEDIATE, taking the write lock, unless
            // the level is ReadUncommitted: then it is a deferred transaction that reads a WAL snapshot (no dirty reads
            // without a shared cache) and never waits for, nor blocks, a writer. Every recovering alert entity took the
            // write lock twice before this.
            journal.ReadIsolationLevel = IsolationLevel.ReadUncommitted;
            snapshots.ReadIsolationLevel = IsolationLevel.ReadUncommitted;
            if (groupCommit) StartGroupCommit(builder, connectionString, settings.SqliteSyncInterval);
            // SQLite has one writer: parallel write transactions only wait on each other's lock. One at a time, the
            // writes that queue meanwhile go out together, as one transaction (a commit costs ~70 us here, a row far less).
            return builder.WithSqlPersistence(journal, snapshots)
                .AddHocon("akka.persistence.journal.sql.parallelism = 1", HoconAddMode.Prepend);
        }
        return builder.WithSqlPersistence(journal, snapshots);
    }

    private static void StartGroupCommit(AkkaConfigurationBuilder builder, string connectionString, TimeSpan interval) =>
        builder.AddStartup((system, _) =>
        {
            var groupCommit = new SqliteGroupCommit(connectionString, interval,
                e => system.Log.Warning("SQLite checkpoint failed (the commits since the last one are not yet safe from a power loss): {0}", e.Message));
            system.RegisterOnTermination(groupCommit.Dispose);
            return Task.CompletedTask;
        });

    /// <summary>SQLite with a positive <see cref="PersistenceSettings.SqliteSyncInterval"/>: see <see cref="SqliteGroupCommit"/>.</summary>
    public static bool UsesGroupCommit(SiemOptions options) =>
        !options.Persistence.IsPostgres && options.Persistence.SqliteSyncInterval > TimeSpan.Zero;

    private static void MoveTagsIntoJournal(bool postgres, string connectionString)
    {
        try
        {
            JournalTagColumn.Ensure(postgres, connectionString);
        }
        catch (DbException e)
        {
            throw new InvalidOperationException(
                $"Could not check the journal's tag column in the {(postgres ? "PostgreSQL" : "SQLite")} database: {e.Message}", e);
        }
    }

    public static string ConnectionString(SiemOptions options) =>
        options.Persistence.ConnectionString is { Length: > 0 } cs
            ? cs
            : new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetFullPath(options.DataDir), "siem.db"), Pooling = true }.ToString();

    /// <summary>Creates the file's folder and switches it to WAL, so the journal and snapshot store do not lock each other out.</summary>
    private static void PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (dir is not null) Directory.CreateDirectory(dir);
        }
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL;";
        pragma.ExecuteNonQuery();
    }
}

using LinqToDB;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Tests.Support;
using Xunit;

namespace SiemActors.Actors.Tests.Hosting;

/// <summary>What the node's SQLite connections set when they open, read back from a real database file.</summary>
public sealed class SqlitePragmasSpec : IDisposable
{
    private const int Full = 2, Normal = 1, DefaultAutoCheckpoint = 1000;
    private readonly string _file = PersistenceConfig.NewDatabaseFile();

    // Each test its own pool: a pooled connection keeps the pragmas an earlier user set, and the assertions read them.
    private string ConnectionString(bool pooling) => new SqliteConnectionStringBuilder { DataSource = _file, Pooling = pooling }.ToString();

    [Fact]
    public void A_linq2db_connection_without_the_interceptor_keeps_sqlite_defaults()
    {
        using var connection = new DataConnection(new DataOptions().UseConnectionString(ProviderName.SQLiteMS, ConnectionString(pooling: false)));
        Assert.Equal((0, Full, DefaultAutoCheckpoint), Read(connection));
    }

    [Fact]
    public void With_group_commit_connections_wait_for_the_write_lock_commit_without_an_fsync_and_leave_checkpoints_to_the_thread()
    {
        var options = new DataOptions().UseConnectionString(ProviderName.SQLiteMS, ConnectionString(pooling: false))
            .UseInterceptor(SqlitePragmas.Interceptor(groupCommit: true));
        using var connection = new DataConnection(options);
        Assert.Equal((SqlitePragmas.BusyTimeoutMs, Normal, 0), Read(connection));
    }

    [Fact]
    public void Without_group_commit_connections_only_wait_for_the_write_lock()
    {
        var options = new DataOptions().UseConnectionString(ProviderName.SQLiteMS, ConnectionString(pooling: false))
            .UseInterceptor(SqlitePragmas.Interceptor(groupCommit: false));
        using var connection = new DataConnection(options);
        Assert.Equal((SqlitePragmas.BusyTimeoutMs, Full, DefaultAutoCheckpoint), Read(connection));
    }

    [Fact]
    public void A_pooled_connection_keeps_its_pragmas_when_the_pool_hands_it_out_again_so_they_are_set_once()
    {
        var cs = ConnectionString(pooling: true);
        using (var first = new SqliteConnection(cs))
        {
            first.Open();
            SqlitePragmas.Apply(first, groupCommit: true);
        }
        using var again = new SqliteConnection(cs);
        again.Open();
        Assert.Equal((SqlitePragmas.BusyTimeoutMs, Normal, 0), Read(again));
    }

    private static (long BusyTimeout, long Synchronous, long AutoCheckpoint) Read(DataConnection connection) =>
        (connection.Execute<long>("PRAGMA busy_timeout;"), connection.Execute<long>("PRAGMA synchronous;"),
            connection.Execute<long>("PRAGMA wal_autocheckpoint;"));

    private static (long BusyTimeout, long Synchronous, long AutoCheckpoint) Read(SqliteConnection connection) =>
        (Pragma(connection, "busy_timeout"), Pragma(connection, "synchronous"), Pragma(connection, "wal_autocheckpoint"));

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        PersistenceConfig.DeleteDatabaseFile(_file);
    }
}

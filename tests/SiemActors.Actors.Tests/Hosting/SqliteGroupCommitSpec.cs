using Microsoft.Data.Sqlite;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Tests.Support;
using Xunit;

namespace SiemActors.Actors.Tests.Hosting;

/// <summary>Group commit on a real SQLite file: connections commit without an fsync, the checkpoint thread syncs them.</summary>
public sealed class SqliteGroupCommitSpec : SiemTestKit
{
    private const int BlobBytes = 4000;
    private readonly string _file = PersistenceConfig.NewDatabaseFile();
    // Its own pool: a pooled connection keeps the pragmas an earlier user set, and the assertions read them.
    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString();

    [Fact]
    public async Task The_checkpoint_thread_moves_committed_pages_into_the_database_file_every_interval()
    {
        using var writer = WriteWithoutCheckpoint(rows: 200, out var pages);
        var sizeBefore = new FileInfo(_file).Length;
        Assert.True(pages >= 200 && sizeBefore < 200 * BlobBytes, $"the rows are only in the WAL yet ({pages} pages)");

        using var groupCommit = new SqliteGroupCommit(ConnectionString, TimeSpan.FromMilliseconds(100), e => Assert.Fail(e.Message));

        // Only a checkpoint copies WAL pages into the main file: it grows once the thread has run one.
        await AwaitAssertAsync(() => Assert.True(new FileInfo(_file).Length >= sizeBefore + 200 * BlobBytes,
            $"main file {new FileInfo(_file).Length} bytes, was {sizeBefore}"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Stopping_runs_a_last_checkpoint_for_what_was_committed_since_the_previous_one()
    {
        var groupCommit = new SqliteGroupCommit(ConnectionString, TimeSpan.FromHours(1), e => Assert.Fail(e.Message));
        using var writer = WriteWithoutCheckpoint(rows: 100, out _);
        var sizeBefore = new FileInfo(_file).Length;
        Assert.True(sizeBefore < 100 * BlobBytes, "the rows are only in the WAL yet");

        groupCommit.Dispose();

        Assert.True(new FileInfo(_file).Length >= sizeBefore + 100 * BlobBytes, "the main file holds the rows written before the stop");
        groupCommit.Dispose(); // a second stop is harmless
    }

    [Fact]
    public void A_sync_interval_of_zero_is_refused_by_the_checkpointer_and_means_fsync_per_commit_in_the_node()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteGroupCommit(ConnectionString, TimeSpan.Zero, _ => { }));

        var options = new SiemOptions { Persistence = { Provider = "sqlite" } };
        Assert.True(PersistenceSetup.UsesGroupCommit(options));
        options.Persistence.SqliteSyncInterval = TimeSpan.Zero;
        Assert.False(PersistenceSetup.UsesGroupCommit(options));
        options.Persistence = new PersistenceSettings { Provider = "postgres" };
        Assert.False(PersistenceSetup.UsesGroupCommit(options));
    }

    /// <summary>
    /// Writes rows into the WAL with automatic checkpoints off; returns the open connection (closing the last one
    /// checkpoints) and the WAL's pages.
    /// </summary>
    private SqliteConnection WriteWithoutCheckpoint(int rows, out int pages)
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE IF NOT EXISTS t(v BLOB);");
        SqlitePragmas.Apply(connection, groupCommit: true);
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO t(v) VALUES (randomblob({BlobBytes}));";
        for (var i = 0; i < rows; i++) insert.ExecuteNonQuery();
        pages = (int)(new FileInfo(_file + "-wal").Length / (4096 + 24));
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        PersistenceConfig.DeleteDatabaseFile(_file);
    }
}

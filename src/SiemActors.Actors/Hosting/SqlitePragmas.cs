using System.Data.Common;
using System.Runtime.CompilerServices;
using LinqToDB.Interceptors;
using Microsoft.Data.Sqlite;

namespace SiemActors.Actors.Hosting;

/// <summary>
/// What every connection to the node's SQLite database sets when it opens: the journal's and the snapshot store's
/// (through linq2db's <see cref="Interceptor"/>) and the entity store's (<see cref="ApplyAsync"/>).
/// <list type="bullet">
/// <item><c>busy_timeout</c>: a writer that finds the write lock taken waits inside SQLite, which tries again after
/// 1, 2, 5, 10 ... ms. Without it Microsoft.Data.Sqlite's own retry loop sleeps 150 ms a try on a thread-pool thread:
/// in an alert storm three or four threads slept there at a time and the node ran at a third of its rate for 10-20 s.</item>
/// <item>With group commit (<see cref="SqliteGroupCommit"/>): <c>synchronous = NORMAL</c> (no fsync per commit) and no
/// automatic checkpoint, which would otherwise run, with its fsync, on whichever thread-pool thread committed the
/// page that crossed the limit: the group-commit thread checkpoints every interval instead.</item>
/// </list>
/// </summary>
public static class SqlitePragmas
{
    public const int BusyTimeoutMs = 10_000;
    private static readonly string Always = $"PRAGMA busy_timeout = {BusyTimeoutMs};";
    private static readonly string WithGroupCommitSql = Always + "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;";

    private static readonly IInterceptor Plain = new OnOpen(false), WithGroupCommit = new OnOpen(true);

    /// <summary>Sets the pragmas on each connection a linq2db data connection opens.</summary>
    public static IInterceptor Interceptor(bool groupCommit) => groupCommit ? WithGroupCommit : Plain;

    public static void Apply(DbConnection connection, bool groupCommit)
    {
        if (AlreadySet(connection, groupCommit)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Sql(groupCommit);
        command.ExecuteNonQuery();
        MarkSet(connection, groupCommit);
    }

    public static async Task ApplyAsync(DbConnection connection, bool groupCommit, CancellationToken ct)
    {
        if (AlreadySet(connection, groupCommit)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Sql(groupCommit);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        MarkSet(connection, groupCommit);
    }

    /// <summary>
    /// Pragmas stay with SQLite's own connection, which the pool hands out again under a new
    /// <see cref="SqliteConnection"/>: set them once per native connection, not on every open (every journal
    /// transaction opens one).
    /// </summary>
    private static readonly ConditionalWeakTable<object, object> Configured = new();
    private static readonly object SetPlain = false, SetWithGroupCommit = true;

    private static bool AlreadySet(DbConnection connection, bool groupCommit) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out var set)
        && set == Marker(groupCommit);

    private static void MarkSet(DbConnection connection, bool groupCommit)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, Marker(groupCommit));
    }

    private static object Marker(bool groupCommit) => groupCommit ? SetWithGroupCommit : SetPlain;

    private static string Sql(bool groupCommit) => groupCommit ? WithGroupCommitSql : Always;

    private sealed class OnOpen(bool groupCommit) : ConnectionInterceptor
    {
        public override void ConnectionOpened(ConnectionEventData eventData, DbConnection connection) => Apply(connection, groupCommit);

        public override Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
            ApplyAsync(connection, groupCommit, cancellationToken);
    }
}

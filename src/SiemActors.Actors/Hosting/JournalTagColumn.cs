using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SiemActors.Actors.Hosting;

/// <summary>
/// Moves a journal written with tags in a separate table (<c>tags</c>, the earlier setting) to tags in the journal row
/// (<c>event_journal.tags</c>, ";alert;"), which the node writes and reads now.
/// <para>
/// Why: with linq2db 6 (the only version served beside Akka.Persistence.Sql 1.5.73), every read of the tag table
/// collects each returned event's tags with <c>GROUP_CONCAT(CASE WHEN t.ordering_id = row.ordering ...) FROM tags</c>:
/// a scan of the whole tag table per event read. The alert index's tag query and every alert entity's recovery pay it,
/// so the cost grows with the alert history (27% of a busy node's CPU after 30k alert events). In the journal row,
/// a tag query reads only the rows past its offset.
/// </para>
/// Idempotent: does nothing on a new database (the plugin creates the table with the column) or one already moved.
/// </summary>
public static class JournalTagColumn
{
    public const string JournalTable = "event_journal", TagTable = "tags", Separator = ";";

    /// <returns>Journal rows whose tags were copied into the row (0 when there was nothing to move).</returns>
    public static int Ensure(bool postgres, string connectionString)
    {
        using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        if (!TableExists(connection, postgres, JournalTable) || ColumnExists(connection, postgres, JournalTable, "tags")) return 0;

        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"ALTER TABLE {JournalTable} ADD COLUMN tags {(postgres ? "varchar(100)" : "NVarChar(100)")} NULL");
        var moved = 0;
        if (TableExists(connection, postgres, TagTable))
        {
            var aggregate = postgres ? $"string_agg(t.tag, '{Separator}' ORDER BY t.tag)" : $"group_concat(t.tag, '{Separator}')";
            moved = Execute(connection, transaction,
                $"UPDATE {JournalTable} SET tags = '{Separator}' || (SELECT {aggregate} FROM {TagTable} t WHERE t.ordering_id = {JournalTable}.ordering) || '{Separator}' "
                + $"WHERE EXISTS (SELECT 1 FROM {TagTable} t WHERE t.ordering_id = {JournalTable}.ordering)");
        }
        transaction.Commit();
        return moved;
    }

    private static bool TableExists(DbConnection connection, bool postgres, string table) => Scalar(connection,
        postgres
            ? $"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'"
            : $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") > 0;

    private static bool ColumnExists(DbConnection connection, bool postgres, string table, string column) => Scalar(connection,
        postgres
            ? $"SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' AND column_name = '{column}'"
            : $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'") > 0;

    private static long Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}

namespace SiemActors.Actors.Tests.Support;

/// <summary>HOCON for TestKit systems that persist to a real SQLite file (deleted by the test's Dispose).</summary>
public static class PersistenceConfig
{
    /// <summary>A new SQLite file in WAL mode, as the node prepares it, so journal and snapshot store do not lock each other.</summary>
    public static string NewDatabaseFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"siem-test-{Guid.NewGuid():N}.db");
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL;";
        pragma.ExecuteNonQuery();
        return file;
    }

    /// <summary>Deletes a test's SQLite file with its WAL and shared-memory files.</summary>
    public static void DeleteDatabaseFile(string file)
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            if (File.Exists(path)) File.Delete(path);
    }

    public static string Sqlite(string file) => $$"""
        akka.actor.serializers.siem = "SiemActors.Actors.Serialization.SiemMessageSerializer, SiemActors.Actors"
        akka.actor.serialization-bindings { "SiemActors.Actors.Serialization.ISiemMessage, SiemActors.Actors" = siem }
        akka.persistence.journal.plugin = "akka.persistence.journal.sql"
        akka.persistence.journal.sql {
          connection-string = "Data Source={{file}}"
          provider-name = "{{LinqToDB.ProviderName.SQLiteMS}}"
          table-mapping = sqlite
          auto-initialize = on
          tag-write-mode = Csv
        }
        # The read side (the alert index's query) reads tags as the journal writes them.
        akka.persistence.query.journal.sql {
          connection-string = "Data Source={{file}}"
          provider-name = "{{LinqToDB.ProviderName.SQLiteMS}}"
          table-mapping = sqlite
          tag-read-mode = Csv
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
        akka.persistence.snapshot-store.sql {
          connection-string = "Data Source={{file}}"
          provider-name = "{{LinqToDB.ProviderName.SQLiteMS}}"
          table-mapping = sqlite
          auto-initialize = on
        }
        """;
}

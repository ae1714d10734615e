using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Query;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;
using Npgsql;
using SiemActors.Actors.Hosting;
using Xunit;

namespace SiemActors.Cluster.Tests;

/// <summary>
/// A journal written by the earlier setting (tags in the tag table) keeps working after the move to tags in the
/// journal row, on SQLite and PostgreSQL: its tagged events are found by tag, its entities recover, new events join them.
/// </summary>
public sealed class JournalTagColumnSpec : IAsyncLifetime
{
    private readonly PostgresDatabase _postgres = new();
    private readonly string _sqliteFile = Path.Combine(Path.GetTempPath(), $"siem-tags-{Guid.NewGuid():N}.db");

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" }) File.Delete(f);
    }

    private string SqliteConnectionString => $"Data Source={_sqliteFile}";

    [Fact]
    public Task On_sqlite_events_written_with_the_tag_table_are_found_by_tag_after_the_move() =>
        WrittenThenMoved(postgres: false, SqliteConnectionString);

    [PostgresFact]
    public Task On_postgres_events_written_with_the_tag_table_are_found_by_tag_after_the_move() =>
        WrittenThenMoved(postgres: true, _postgres.ConnectionString);

    [Fact]
    public void A_new_database_is_left_to_the_journal_plugin()
    {
        Assert.Equal(0, JournalTagColumn.Ensure(postgres: false, SqliteConnectionString));
        using var connection = new SqliteConnection(SqliteConnectionString);
        connection.Open();
        using var command = new SqliteCommand("SELECT count(*) FROM sqlite_master", connection);
        Assert.Equal(0L, command.ExecuteScalar());
    }

    private static async Task WrittenThenMoved(bool postgres, string connectionString)
    {
        var old = ActorSystem.Create("old", Config(postgres, connectionString, "TagTable"));
        try
        {
            var writer = old.ActorOf(Props.Create(() => new TaggingActor("alert-ip:1")));
            foreach (var e in new[] { "first", "second", "third" })
                Assert.Equal(e, await writer.Ask<string>(e, TimeSpan.FromSeconds(20)));
        }
        finally
        {
            await old.Terminate();
        }

        Assert.Equal(3, JournalTagColumn.Ensure(postgres, connectionString));
        Assert.Equal(0, JournalTagColumn.Ensure(postgres, connectionString)); // a moved journal is left alone
        Assert.Equal(";alert;,;alert;,;alert;", Scalar(postgres, connectionString,
            postgres ? "SELECT string_agg(tags, ',' ORDER BY ordering) FROM event_journal" : "SELECT group_concat(tags, ',') FROM (SELECT tags FROM event_journal ORDER BY ordering)"));

        var now = ActorSystem.Create("now", Config(postgres, connectionString, "Csv"));
        try
        {
            var writer = now.ActorOf(Props.Create(() => new TaggingActor("alert-ip:1")));
            Assert.Equal("first,second,third", await writer.Ask<string>("recovered?", TimeSpan.FromSeconds(20)));
            Assert.Equal("fourth", await writer.Ask<string>("fourth", TimeSpan.FromSeconds(20)));

            var journal = PersistenceQuery.Get(now).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
            var found = await journal.CurrentEventsByTag("alert", Offset.NoOffset())
                .Select(e => (string)e.Event)
                .RunWith(Sink.Seq<string>(), now.Materializer());
            Assert.Equal(["first", "second", "third", "fourth"], found);
        }
        finally
        {
            await now.Terminate();
        }
    }

    private static object? Scalar(bool postgres, string connectionString, string sql)
    {
        using System.Data.Common.DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static Config Config(bool postgres, string connectionString, string tagMode)
    {
        var provider = postgres ? LinqToDB.ProviderName.PostgreSQL15 : LinqToDB.ProviderName.SQLiteMS;
        var mapping = postgres ? "postgresql" : "sqlite";
        var common = $"""
            connection-string = "{connectionString}"
            provider-name = "{provider}"
            table-mapping = {mapping}
            """;
        return ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.plugin = "akka.persistence.journal.sql"
            akka.persistence.journal.sql { {{common}}
              auto-initialize = on
              tag-write-mode = {{tagMode}}
            }
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
            akka.persistence.snapshot-store.sql { {{common}}
              auto-initialize = on
            }
            akka.persistence.query.journal.sql { {{common}}
              tag-read-mode = {{tagMode}}
            }
            """).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>Persists each string it is sent as an event tagged "alert"; "recovered?" answers what it replayed.</summary>
    private sealed class TaggingActor : ReceivePersistentActor
    {
        private readonly List<string> _events = [];

        public TaggingActor(string id)
        {
            PersistenceId = id;
            Recover<string>(_events.Add);
            Command<string>(c =>
            {
                if (c == "recovered?") Sender.Tell(string.Join(",", _events));
                else Persist(new Tagged(c, ["alert"]), _ =>
                {
                    _events.Add(c);
                    Sender.Tell(c);
                });
            });
        }

        public override string PersistenceId { get; }
    }
}

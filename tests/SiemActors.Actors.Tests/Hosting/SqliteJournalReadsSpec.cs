using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Tests.Support;
using Xunit;

namespace SiemActors.Actors.Tests.Hosting;

/// <summary>
/// The node's journal on a real SQLite file, set up as the node sets it up (<see cref="PersistenceSetup"/>): a recovery
/// reads while another connection holds the write lock. Before, each read began with BEGIN IMMEDIATE and queued behind
/// every writer, and an alert storm's recoveries held the journal's writes up in turn.
/// </summary>
public sealed class SqliteJournalReadsSpec : IAsyncLifetime
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(5);
    private readonly string _file = PersistenceConfig.NewDatabaseFile();
    private IHost _host = null!;

    private ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    public async Task InitializeAsync()
    {
        var options = new SiemOptions
        {
            DataDir = Path.GetDirectoryName(_file)!,
            Persistence = { Provider = "sqlite", ConnectionString = $"Data Source={_file}" },
        };
        _host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("journal-reads", (builder, _) => builder.WithSiemPersistence(options)))
            .Build();
        await _host.StartAsync();
    }

    [Fact]
    public async Task A_recovery_replays_while_another_connection_holds_the_write_lock_and_writes_resume_after_it()
    {
        var first = System.ActorOf(Props.Create(() => new Notebook("notebook-1")));
        foreach (var line in new[] { "one", "two", "three" })
            Assert.Equal(line, await first.Ask<string>(line, Answer));
        await first.GracefulStop(Answer);

        await using var writer = new SqliteConnection($"Data Source={_file};Pooling=False");
        await writer.OpenAsync();
        await using var transaction = writer.BeginTransaction(); // BEGIN IMMEDIATE: the write lock, until rolled back
        await using (var command = writer.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "CREATE TABLE held(x); INSERT INTO held VALUES (1);";
            await command.ExecuteNonQueryAsync();
        }

        var second = System.ActorOf(Props.Create(() => new Notebook("notebook-1")));
        // Commands wait in the stash until the recovery is done: the answer is the replayed history.
        Assert.Equal(["one", "two", "three"], await second.Ask<string[]>(Notebook.Read.Instance, Answer));

        var write = second.Ask<string>("four", TimeSpan.FromSeconds(20));
        await transaction.RollbackAsync();
        Assert.Equal("four", await write);
        Assert.Equal(["one", "two", "three", "four"], await second.Ask<string[]>(Notebook.Read.Instance, Answer));
    }

    [Fact]
    public void The_sqlite_journal_reads_in_deferred_transactions_and_writes_one_transaction_at_a_time()
    {
        var config = System.Settings.Config;
        Assert.Equal("read-uncommitted", config.GetString("akka.persistence.journal.sql.read-isolation-level"));
        Assert.Equal("read-uncommitted", config.GetString("akka.persistence.query.journal.sql.read-isolation-level"));
        Assert.Equal("read-uncommitted", config.GetString("akka.persistence.snapshot-store.sql.read-isolation-level"));
        Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        PersistenceConfig.DeleteDatabaseFile(_file);
    }

    /// <summary>Persists each string it is sent and answers with it; <see cref="Read"/> answers with all of them.</summary>
    private sealed class Notebook : ReceivePersistentActor
    {
        private readonly List<string> _lines = [];

        public Notebook(string id)
        {
            PersistenceId = id;
            Recover<string>(_lines.Add);
            Command<Read>(_ => Sender.Tell(_lines.ToArray()));
            Command<string>(line => Persist(line, persisted =>
            {
                _lines.Add(persisted);
                Sender.Tell(persisted);
            }));
        }

        public override string PersistenceId { get; }

        public sealed class Read
        {
            public static readonly Read Instance = new();
        }
    }
}

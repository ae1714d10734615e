using Npgsql;
using Xunit;

namespace SiemActors.Cluster.Tests;

/// <summary>
/// A throwaway PostgreSQL database per test class, created through the server named by
/// <c>SIEM_TEST_POSTGRES</c> (set by .ci/run after scripts/start-postgres.sh).
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string Variable = "SIEM_TEST_POSTGRES";
    private readonly string _name = "siem_test_" + Guid.NewGuid().ToString("N")[..12];

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable);

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (ServerConnectionString is not { } server) return;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ToString();
    }

    public async Task DisposeAsync()
    {
        if (ServerConnectionString is not { } server) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A fact that needs PostgreSQL: skipped, saying why, when <c>SIEM_TEST_POSTGRES</c> is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresDatabase.ServerConnectionString is null)
            Skip = $"{PostgresDatabase.Variable} is not set: run scripts/start-postgres.sh and export its output (.ci/run does)";
    }
}

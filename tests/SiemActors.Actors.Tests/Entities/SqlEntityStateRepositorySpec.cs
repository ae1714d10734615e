using SiemActors.Actors.Entities.State;
using SiemActors.Actors.Tests.Support;
using Xunit;

namespace SiemActors.Actors.Tests.Entities;

/// <summary>The entity state table on a real database: SQLite always, PostgreSQL when SIEM_TEST_POSTGRES names one.</summary>
public sealed class SqlEntityStateRepositorySpec : IDisposable
{
    private readonly string _file = PersistenceConfig.NewDatabaseFile();

    public static TheoryData<string> Providers()
    {
        var providers = new TheoryData<string> { "sqlite" };
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SIEM_TEST_POSTGRES"))) providers.Add("postgres");
        return providers;
    }

    private SqlEntityStateRepository Repository(string provider) => provider == "sqlite"
        ? new SqlEntityStateRepository("sqlite", $"Data Source={_file}")
        : new SqlEntityStateRepository("postgres", Environment.GetEnvironmentVariable("SIEM_TEST_POSTGRES")!);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Saves_and_loads_many_entities_and_never_lets_an_older_generation_win(string provider)
    {
        var repository = Repository(provider);
        await repository.EnsureCreatedAsync(CancellationToken.None);
        var prefix = $"test:{Guid.NewGuid():N}:";
        var rows = Enumerable.Range(0, 1_200).Select(i => new StoredEntityState(prefix + i, 5, "ip-entity-snapshot.b1", [(byte)i, 1, 2])).ToList();

        await repository.SaveAsync(rows, CancellationToken.None);
        await repository.SaveAsync([rows[7] with { Generation = 4, Payload = [9, 9] }, rows[8] with { Generation = 6, Payload = [8, 8] }], CancellationToken.None);
        var keys = rows.Select(r => r.Key).Append(prefix + "missing").ToList();
        var found = await repository.LoadAsync(keys, CancellationToken.None);

        Assert.Equal(1_200, found.Count);
        Assert.Equal([(byte)0, 1, 2], found[prefix + "0"].Payload);
        Assert.Equal([(byte)(1_199 % 256), 1, 2], found[prefix + "1199"].Payload);
        Assert.Equal(("ip-entity-snapshot.b1", 5L), (found[prefix + "7"].Manifest, found[prefix + "7"].Generation));
        Assert.Equal([(byte)7, 1, 2], found[prefix + "7"].Payload);
        Assert.Equal(6L, found[prefix + "8"].Generation);
        Assert.Equal([(byte)8, 8], found[prefix + "8"].Payload);
        Assert.False(found.ContainsKey(prefix + "missing"));

        var listed = new List<string>();
        await repository.ForEachKeyAsync(listed.Add, CancellationToken.None);
        Assert.Equal(rows.Select(r => r.Key).Order(StringComparer.Ordinal), listed.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Keys_with_quotes_backslashes_and_non_ascii_and_empty_or_large_payloads_round_trip(string provider)
    {
        var repository = Repository(provider);
        await repository.EnsureCreatedAsync(CancellationToken.None);
        var prefix = $"test:{Guid.NewGuid():N}:";
        var large = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray();
        StoredEntityState[] rows =
        [
            new(prefix + "user-o\"brien\\x", 1, "m", [0, 255]),
            new(prefix + "user-Zoë 管理员\t", 2, "m\"q", []),
            new(prefix + "ip-2001:db8::1", 3, "m", large),
        ];

        await repository.SaveAsync(rows, CancellationToken.None);
        var found = await repository.LoadAsync([.. rows.Select(r => r.Key)], CancellationToken.None);

        Assert.Equal(3, found.Count);
        foreach (var row in rows)
        {
            Assert.Equal((row.Generation, row.Manifest), (found[row.Key].Generation, found[row.Key].Manifest));
            Assert.Equal(row.Payload, found[row.Key].Payload);
        }
    }

    public void Dispose()
    {
        PersistenceConfig.DeleteDatabaseFile(_file);
    }
}

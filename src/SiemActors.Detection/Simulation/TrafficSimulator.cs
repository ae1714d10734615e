using SiemActors.Detection.Simulation.Attacks;

namespace SiemActors.Detection.Simulation;

/// <summary>
/// Normal traffic (<see cref="NormalTrafficGenerator"/>) with attack instances woven in, in event-time order, every attack
/// line labelled. Same seed and scenarios, same lines: the normal traffic depends on the seed alone, each scenario draws
/// from its own generator, so adding a scenario does not change the others.
/// </summary>
public sealed class TrafficSimulator
{
    // The countries the simulated world places normal clients in (invented; see GeoTable).
    private static readonly Dictionary<string, string> NormalBlockCountries = new(StringComparer.Ordinal)
    {
        ["81.2."] = "GB", ["86.14."] = "GB", ["92.40."] = "GB", ["109.144."] = "GB", ["145.53."] = "NL", ["176.24."] = "GB",
        ["185.199."] = "NL", ["188.6."] = "GB", ["212.58."] = "GB", ["217.33."] = "GB", ["73.162."] = "US", ["98.207."] = "US",
        ["24.5."] = "US", ["66.249.66."] = "US", ["40.77.167."] = "US", ["20.191.45."] = "US", ["5.255.231."] = "RU",
    };

    public NormalTrafficGenerator Normal { get; init; } = new();

    /// <summary>Countries of every public address the last run used: the stand-in for a GeoIP database.</summary>
    public GeoTable Geo { get; } = new();

    /// <summary>How many instances of each scenario the last run wrote.</summary>
    public Dictionary<string, int> Instances { get; } = new(StringComparer.Ordinal);

    /// <summary>The country a normal client block is placed in; null for internal or unknown addresses.</summary>
    public static string? CountryOfNormalAddress(string ip)
    {
        foreach (var (prefix, country) in NormalBlockCountries)
            if (ip.StartsWith(prefix, StringComparison.Ordinal)) return country;
        return null;
    }

    public IEnumerable<SimulatedLine> Run(DateTimeOffset start, TimeSpan duration, int seed, IReadOnlyList<(IAttackScenario Scenario, ScenarioSettings Settings)> scenarios)
    {
        foreach (var (prefix, country) in NormalBlockCountries) Geo.Add(prefix, country);
        var population = Normal.Population(seed);
        var attacks = WriteAttacks(start, duration, seed, scenarios, population);
        var next = 0;
        foreach (var normal in Normal.GenerateTimed(start, duration, seed))
        {
            while (next < attacks.Count && attacks[next].Time < normal.Time) yield return attacks[next++];
            yield return normal;
        }
        while (next < attacks.Count) yield return attacks[next++];
    }

    private List<SimulatedLine> WriteAttacks(DateTimeOffset start, TimeSpan duration, int seed,
        IReadOnlyList<(IAttackScenario Scenario, ScenarioSettings Settings)> scenarios, SimulatedPopulation population)
    {
        var addresses = new AttackerAddresses(new Random(unchecked(seed * 31 + 7)), Geo);
        // Attacks start after a warm-up, so accounts and clients have a history to deviate from.
        var warmUp = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(12).Ticks, duration.Ticks / 3));
        var window = duration - warmUp - TimeSpan.FromMinutes(10);
        if (window <= TimeSpan.Zero) window = TimeSpan.FromTicks(Math.Max(1, duration.Ticks / 2));
        var lines = new List<SimulatedLine>();
        foreach (var (scenario, settings) in scenarios)
        {
            var rng = new Random(unchecked(seed ^ (int)StableHash(scenario.Name)));
            for (var i = 0; i < settings.Count; i++)
            {
                var at = StartTime(rng, start + warmUp, window, scenario.OffHours);
                var run = new AttackRun(new AttackLabel(scenario.Name, i + 1, null, null), rng, settings, population, addresses);
                scenario.Write(run, at);
                lines.AddRange(run.Lines);
            }
            Instances[scenario.Name] = settings.Count;
        }
        // Stable: lines of one instance at the same instant keep their written order.
        return [.. lines.Select((l, i) => (l, i)).OrderBy(x => x.l.Time).ThenBy(x => x.i).Select(x => x.l)];
    }

    private static DateTimeOffset StartTime(Random rng, DateTimeOffset from, TimeSpan window, bool offHours)
    {
        for (var attempt = 0; ; attempt++)
        {
            var t = from + TimeSpan.FromTicks((long)(rng.NextDouble() * window.Ticks));
            var night = t.Hour is < 7 or >= 21 || t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            if (!offHours || night || attempt >= 500) return t;
        }
    }

    /// <summary>FNV-1a: string.GetHashCode is randomised per process, and the same seed must give the same lines.</summary>
    private static uint StableHash(string s)
    {
        var h = 2166136261u;
        foreach (var c in s) h = unchecked((h ^ c) * 16777619u);
        return h;
    }
}

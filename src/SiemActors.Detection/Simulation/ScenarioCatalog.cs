using SiemActors.Detection.Simulation.Attacks;

namespace SiemActors.Detection.Simulation;

/// <summary>Every attack scenario the simulator knows, by name (docs/DETECTION.md describes each).</summary>
public static class ScenarioCatalog
{
    /// <summary>Ordinary traffic only; also what unlabelled lines are called in evaluation reports.</summary>
    public const string Normal = "normal";
    /// <summary>Every attack scenario at once.</summary>
    public const string All = "all";

    public static IReadOnlyList<IAttackScenario> Scenarios { get; } =
    [
        new SshBruteForce(slow: false), new SshBruteForce(slow: true), new PasswordSpraying(), new UserEnumeration(), new CredentialStuffing(),
        new ImpossibleTravel(), new PrivilegedOffHours(), new WebScan(), new SensitiveFiles(), InjectionProbe.Sql(), InjectionProbe.Xss(),
        InjectionProbe.Traversal(), new RequestFlood(), new LargeDataPull(), new WebLoginStuffing(),
    ];

    public static IReadOnlyList<string> Names { get; } = [Normal, All, .. Scenarios.Select(s => s.Name)];

    /// <summary>
    /// Resolves command-line specs (<c>name[:count=N,rate=R,duration=D,stealth=S]</c>, <c>all</c>, <c>normal</c>) to
    /// scenarios with their settings; an unknown name throws with the list of known ones.
    /// </summary>
    public static IReadOnlyList<(IAttackScenario Scenario, ScenarioSettings Settings)> Resolve(IEnumerable<string> specs, int defaultCount)
    {
        var result = new List<(IAttackScenario, ScenarioSettings)>();
        foreach (var spec in specs)
        {
            var (name, settings) = ScenarioSettings.Parse(spec, defaultCount);
            if (name == Normal) continue;
            if (name == All)
            {
                foreach (var s in Scenarios)
                    if (!result.Any(r => r.Item1.Name == s.Name)) result.Add((s, settings));
                continue;
            }
            var scenario = Scenarios.FirstOrDefault(s => s.Name == name)
                ?? throw new ArgumentException($"unknown scenario '{name}': known are {string.Join(", ", Names)}");
            result.RemoveAll(r => r.Item1.Name == name);
            result.Add((scenario, settings));
        }
        return result;
    }
}

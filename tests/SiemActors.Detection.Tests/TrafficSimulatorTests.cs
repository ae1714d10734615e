using SiemActors.Detection.Scoring;
using SiemActors.Detection.Simulation;
using SiemActors.Detection.Simulation.Attacks;
using SiemActors.Domain.Entities;
using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;
using Xunit;

namespace SiemActors.Detection.Tests;

public class TrafficSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    // A quiet day (a tenth of the default rates) keeps the tests fast; three instances of every scenario.
    private static (List<SimulatedLine> Lines, TrafficSimulator Simulator) Simulate(int seed, int count = 3)
    {
        var simulator = new TrafficSimulator { Normal = new NormalTrafficGenerator { SshSessionsPerPeakHour = 40, WebVisitsPerPeakHour = 40, CrawlerRequestsPerHour = 10 } };
        var lines = simulator.Run(Start, Day, seed, ScenarioCatalog.Resolve(["all"], count)).ToList();
        return (lines, simulator);
    }

    [Fact]
    public void Same_seed_same_lines_and_labels_and_another_seed_differs()
    {
        var a = Simulate(5).Lines;
        var b = Simulate(5).Lines;
        Assert.Equal(a.Count, b.Count);
        Assert.True(a.SequenceEqual(b));
        Assert.False(a.Select(l => l.Line).SequenceEqual(Simulate(6).Lines.Select(l => l.Line)));
    }

    [Fact]
    public void Lines_are_in_time_order_every_line_parses_and_every_scenario_has_its_instances()
    {
        var (lines, simulator) = Simulate(11);
        for (var i = 1; i < lines.Count; i++) Assert.True(lines[i].Time >= lines[i - 1].Time, $"line {i + 1} goes back in time");
        foreach (var line in lines)
        {
            var outcome = LineParsers.Parse(SourceKind.Auto, line.Line, Start + Day);
            Assert.True(outcome.Event is not null, $"does not parse: {line.Line} ({outcome.Error})");
        }
        foreach (var scenario in ScenarioCatalog.Scenarios)
        {
            var instances = lines.Where(l => l.Label?.Scenario == scenario.Name).Select(l => l.Label!.Instance).Distinct().Count();
            Assert.Equal(3, instances);
            Assert.Equal(3, simulator.Instances[scenario.Name]);
        }
    }

    [Fact]
    public void Attackers_use_public_addresses_that_normal_traffic_never_uses_and_the_geo_table_places_them()
    {
        var (lines, simulator) = Simulate(12);
        var attackers = lines.Where(l => l.Label?.Ip is not null).Select(l => l.Label!.Ip!).ToHashSet();
        Assert.NotEmpty(attackers);
        foreach (var ip in attackers)
        {
            Assert.Null(Domain.Geo.InternalRanges.Classify(ip));
            Assert.NotNull(simulator.Geo.Lookup(ip).Country);
        }
        foreach (var line in lines.Where(l => l.Label is null))
        {
            var ip = LineParsers.Parse(SourceKind.Auto, line.Line, Start + Day).Event?.SourceIp;
            Assert.False(ip is not null && attackers.Contains(ip), $"normal line from an attacker address: {line.Line}");
        }
    }

    [Fact]
    public void Scenario_specs_parse_their_parameters_and_refuse_unknown_ones()
    {
        var resolved = ScenarioCatalog.Resolve(["ssh_brute_force:count=7,rate=2,stealth=0.5", "xss"], 50);
        Assert.Equal(new ScenarioSettings(7, 2, 1, 0.5), resolved[0].Settings);
        Assert.Equal(50, resolved[1].Settings.Count);
        Assert.Throws<ArgumentException>(() => ScenarioCatalog.Resolve(["no_such_attack"], 1));
        Assert.Throws<FormatException>(() => ScenarioCatalog.Resolve(["xss:speed=2"], 1));
    }

    /// <summary>
    /// The detection chain without actors (parser, entity state, rules, models) on simulated traffic: every instance of
    /// every scenario reaches the alert threshold, and no more than a handful of benign events do. `siem eval` measures
    /// the same through the real node.
    /// </summary>
    [Fact]
    public void Every_simulated_attack_instance_reaches_the_alert_threshold_offline()
    {
        var (lines, simulator) = Simulate(21);
        var extractor = new FeatureExtractor(simulator.Geo);
        var options = new DetectionOptions();
        var scorer = TestVectors.Model.CreateScorer(options);
        var alerted = new HashSet<(string, int)>();
        var benignAlerts = 0;
        foreach (var line in lines)
        {
            var ev = LineParsers.Parse(SourceKind.Auto, line.Line, Start + Day).Event!;
            var verdict = scorer.Score(ev, extractor.Extract(ev));
            if (verdict.RiskScore < options.AlertThreshold) continue;
            if (line.Label is { } label) alerted.Add((label.Scenario, label.Instance));
            else benignAlerts++;
        }
        var missed = ScenarioCatalog.Scenarios.SelectMany(s => Enumerable.Range(1, 3).Select(i => (s.Name, i))).Where(k => !alerted.Contains(k)).ToList();
        Assert.True(missed.Count == 0, "not alerted: " + string.Join(", ", missed));
        Assert.True(benignAlerts <= 5, $"{benignAlerts} benign events alerted");
    }
}

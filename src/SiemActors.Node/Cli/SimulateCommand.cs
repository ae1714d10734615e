using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SiemActors.Detection.Simulation;

namespace SiemActors.Node.Cli;

/// <summary>
/// <c>siem simulate</c>: writes realistic labelled traffic (normal users and web clients, plus the chosen attack
/// scenarios) as raw syslog/sshd and nginx lines, a JSONL labels file, and a geo table standing in for GeoIP.
/// </summary>
public static class SimulateCommand
{
    /// <summary>Lines one generated weekday of normal traffic has at the generator's default rates (docs/MODELS.md).</summary>
    private const double NormalLinesPerDay = 160_000;

    public static Command Create()
    {
        var scenarios = new Option<string[]>("--scenario") { Description = $"Scenarios, each NAME[:count=N,rate=R,duration=D,stealth=S]: {string.Join(", ", ScenarioCatalog.Names)}", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["all"] };
        var seed = new Option<int>("--seed") { Description = "Random seed: same seed and options, same lines", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { Description = "Log file to write", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Labels file (JSONL); default: OUT.labels.jsonl" };
        var events = new Option<long>("--events") { Description = "About this many normal lines (scales the normal rates); default: the generator's rates" };
        var days = new Option<double>("--days") { Description = "Simulated days, starting Monday 2026-01-05 00:00 UTC", DefaultValueFactory = _ => 1 };
        var count = new Option<int>("--count") { Description = "Instances of each scenario unless its spec says count=", DefaultValueFactory = _ => 50 };
        var command = new Command("simulate", "Write realistic labelled traffic (normal and attacks) as raw log lines") { scenarios, seed, output, labels, events, days, count };
        command.SetAction(parse =>
        {
            var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
            var duration = TimeSpan.FromDays(Math.Max(1.0 / 24, parse.GetValue(days)));
            IReadOnlyList<(SiemActors.Detection.Simulation.Attacks.IAttackScenario, SiemActors.Detection.Simulation.Attacks.ScenarioSettings)> chosen;
            try { chosen = ScenarioCatalog.Resolve(parse.GetValue(scenarios)!, parse.GetValue(count)); }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            var scale = parse.GetValue(events) is > 0 and var n ? n / (NormalLinesPerDay * duration.TotalDays) : 1.0;
            var defaults = new NormalTrafficGenerator();
            var simulator = new TrafficSimulator
            {
                Normal = new NormalTrafficGenerator
                {
                    SshSessionsPerPeakHour = defaults.SshSessionsPerPeakHour * scale,
                    WebVisitsPerPeakHour = defaults.WebVisitsPerPeakHour * scale,
                    CrawlerRequestsPerHour = defaults.CrawlerRequestsPerHour * scale,
                },
            };
            var path = parse.GetValue(output)!;
            var labelPath = parse.GetValue(labels) ?? path + ".labels.jsonl";
            var geoPath = path + ".geo.csv";
            var s = parse.GetValue(seed);
            var clock = Stopwatch.StartNew();
            long lines = 0, attackLines = 0;
            using (var log = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            using (var labelStream = File.Create(labelPath))
            using (var w = new Utf8JsonWriter(labelStream))
            {
                foreach (var line in simulator.Run(start, duration, s, chosen))
                {
                    log.Write(line.Line);
                    log.Write('\n');
                    lines++;
                    if (line.Label is not { } label) continue;
                    attackLines++;
                    LabelFile.WriteLine(w, lines, label);
                    w.Flush();
                    labelStream.WriteByte((byte)'\n');
                    w.Reset();
                }
                LabelFile.WriteMeta(w, s, start, start + duration, simulator.Instances);
                w.Flush();
                labelStream.WriteByte((byte)'\n');
            }
            simulator.Geo.Save(geoPath);
            Console.Error.WriteLine($"wrote {lines:N0} lines ({attackLines:N0} attack lines, {simulator.Instances.Values.Sum()} attack instances) to {path}; labels {labelPath}; geo table {geoPath} in {clock.Elapsed.TotalSeconds:0.0} s");
            return 0;
        });
        return command;
    }
}

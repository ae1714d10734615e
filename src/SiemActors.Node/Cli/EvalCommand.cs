using Spectre.Console;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SiemActors.Detection.Scoring;
using SiemActors.Detection.Simulation;
using SiemActors.Domain.Geo;
using SiemActors.Node.Evaluation;

namespace SiemActors.Node.Cli;

/// <summary>
/// <c>siem eval</c>: replays labelled logs through an in-process node (the real actors, SQLite in a temp folder, alerts
/// recorded in memory) and reports recall, precision, false alerts and time to detect per scenario; exits 1 below the floors.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Log files, replayed in order", Arity = ArgumentArity.OneOrMore };
        var labels = new Option<string?>("--labels") { Description = "Labels (JSONL); default FILE.labels.jsonl when it exists; none: every line is benign" };
        var json = new Option<string?>("--json") { Description = "Also write the figures as JSON here" };
        var minRecall = new Option<double?>("--min-recall") { Description = "Exit 1 when any scenario's recall is below this" };
        var minPrecision = new Option<double?>("--min-precision") { Description = "Exit 1 when precision is below this" };
        var maxFalse = new Option<double?>("--max-false-per-10k") { Description = "Exit 1 when false alerts per 10k benign events exceed this" };
        var minEvents = new Option<int>("--min-events") { Description = "Count an attack instance in recall only with at least this many events", DefaultValueFactory = _ => 1 };
        var model = new Option<string>("--model") { Description = "Model file", DefaultValueFactory = _ => "models/default.zip" };
        var geo = new Option<string?>("--geo") { Description = "Country lookup: a GeoIP .mmdb file or a simulator geo table (.csv); default FILE.geo.csv when it exists, else none" };
        var noGeo = new Option<bool>("--no-geo") { Description = "Evaluate without any country lookup even if a geo table exists" };
        var source = SourceOption.Create();
        var batch = new Option<int>("--batch") { Description = "Lines per ingest batch", DefaultValueFactory = _ => 2000 };
        var receivedAt = new Option<string?>("--received-at") { Description = "Receipt time that dates year-less syslog lines (ISO 8601); default: the labels' simulation end, else now" };
        var command = new Command("eval", "Run labelled logs through an in-process node and report precision, recall and time to detect")
            { files, labels, json, minRecall, minPrecision, maxFalse, minEvents, model, geo, noGeo, source, batch, receivedAt };
        command.SetAction(async (parse, ct) =>
        {
            var inputs = parse.GetValue(files)!;
            var labelPath = parse.GetValue(labels) ?? (File.Exists(inputs[0] + ".labels.jsonl") ? inputs[0] + ".labels.jsonl" : null);
            var evalLabels = labelPath is null ? EvalLabels.Empty : EvalLabels.Load(labelPath);
            var geoPath = parse.GetValue(noGeo) ? null : parse.GetValue(geo) ?? (File.Exists(inputs[0] + ".geo.csv") ? inputs[0] + ".geo.csv" : null);
            IGeoIpLookup? lookup = geoPath is null ? null
                : geoPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? GeoTable.Load(geoPath)
                : SiemActors.Actors.Geo.GeoIpDatabase.OpenOrFallback(geoPath, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            var at = parse.GetValue(receivedAt) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : evalLabels.ReceivedAt ?? DateTimeOffset.UtcNow;
            var detection = new DetectionOptions();
            var ensemble = EnsembleModel.Load(ModelPath(parse.GetValue(model)!));
            Console.Error.WriteLine($"eval: {string.Join(", ", inputs)}; labels {labelPath ?? "none"}; geo {geoPath ?? "none"}; model {ensemble.Metadata.Version}");

            var clock = Stopwatch.StartNew();
            await using var node = await InProcessNode.StartAsync(ensemble, detection, lookup, ct);
            var settings = new EvalSettings(inputs, evalLabels, SourceOption.Parse(parse.GetValue(source)), Math.Max(1, parse.GetValue(batch)), at);
            var runner = new EvalRunner(node, settings, detection.AlertThreshold);
            await CliConsole.Err.Status().StartAsync("replaying through an in-process node", async ctx =>
                await runner.RunAsync(new Progress<string>(m =>
                {
                    ctx.Status(Spectre.Console.Markup.Escape(m));
                    CliConsole.Err.MarkupLine("[grey]" + Spectre.Console.Markup.Escape(m) + "[/]");
                }), ct));
            var expected = runner.AlertingBenignEvents + runner.AlertingAttackEvents > 0 ? 1 : 0;
            await node.SettleAlertsAsync(expected, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(120), ct);
            var report = EvalReport.Build(runner, node.Alerts.Received, evalLabels, Math.Max(1, parse.GetValue(minEvents)));
            report.Print(Console.Out);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replayed in {clock.Elapsed.TotalSeconds:0.0} s ({runner.Lines / Math.Max(0.001, clock.Elapsed.TotalSeconds):N0} lines/s)"));
            if (parse.GetValue(json) is { } jsonPath) report.WriteJson(jsonPath);

            var failures = new List<string>();
            if (parse.GetValue(minRecall) is { } r && report.Scenarios.FirstOrDefault(s => s.Recall < r) is { } low)
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"recall of {low.Scenario} {low.Recall:0.000} < {r}"));
            if (parse.GetValue(minPrecision) is { } p && report.Total.Precision < p)
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"precision {report.Total.Precision:0.000} < {p}"));
            if (parse.GetValue(maxFalse) is { } f && report.Total.FalseAlertsPer10kBenign > f)
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"false alerts {report.Total.FalseAlertsPer10kBenign:0.000} per 10k > {f}"));
            foreach (var failure in failures) Console.Error.WriteLine("eval below floor: " + failure);
            return failures.Count == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>A relative model path is looked up in the working directory first, then beside the executable (as the node does).</summary>
    private static string ModelPath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path)) return Path.GetFullPath(path);
        var besideExe = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideExe) ? besideExe : Path.GetFullPath(path);
    }
}

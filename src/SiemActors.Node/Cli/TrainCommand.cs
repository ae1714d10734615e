using System.CommandLine;
using SiemActors.Detection.Scoring;
using SiemActors.Detection.Simulation;
using SiemActors.Domain.Entities;
using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;

namespace SiemActors.Node.Cli;

/// <summary>
/// <c>siem train</c>: runs a corpus of (mostly normal) logs through the node's own parsers and entity state on
/// event time, fits the ensemble, and writes one versioned model file.
/// </summary>
public static class TrainCommand
{
    /// <summary>Reports synchronously: Progress&lt;T&gt; would post to the thread pool and outlive the spinner.</summary>
    private sealed class InlineProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }

    public static Command Create()
    {
        var input = new Option<string[]>("--input", "-i") { Description = "Log files of normal traffic", AllowMultipleArgumentsPerToken = true };
        var source = SourceOption.Create();
        var output = new Option<string>("--out", "-o") { Description = "Model file to write", Required = true };
        var synthetic = new Option<int>("--synthetic-days") { Description = "Also train on N days of generated normal traffic (the default model uses 7)" };
        var seed = new Option<int>("--seed") { Description = "Random seed for generation and training", DefaultValueFactory = _ => 42 };
        var command = new Command("train", "Train the ensemble on a log corpus and write a model file") { input, source, output, synthetic, seed };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(input) ?? [];
            var days = parse.GetValue(synthetic);
            if (files.Length == 0 && days <= 0)
            {
                Console.Error.WriteLine("nothing to train on: give --input FILE... and/or --synthetic-days N");
                return 2;
            }
            var kind = SourceOption.Parse(parse.GetValue(source));
            var s = parse.GetValue(seed);
            var events = new List<LogEvent>();
            var rejected = 0;
            var receivedAt = DateTimeOffset.UtcNow;
            foreach (var line in LineSource.Read(files)) Add(LineParsers.Parse(kind, line, receivedAt));
            if (days > 0)
            {
                var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
                foreach (var line in new NormalTrafficGenerator().Generate(start, TimeSpan.FromDays(days), s))
                    Add(LineParsers.Parse(SourceKind.Auto, line, start.AddDays(days)));
            }
            Console.Error.WriteLine($"parsed {events.Count} events, {rejected} lines rejected");

            // Features depend on history, so events are replayed in event-time order, as the node would see them live.
            var ordered = events.OrderBy(e => e.Timestamp).ToList();
            var extractor = new FeatureExtractor();
            var vectors = new List<float[]>(ordered.Count);
            foreach (var ev in ordered) vectors.Add(extractor.Extract(ev));
            Console.Error.WriteLine($"built {vectors.Count} feature vectors over {extractor.IpCount} IPs and {extractor.UserCount} users");

            var model = CliConsole.Status("fitting the ensemble", report =>
                EnsembleTrainer.Fit(vectors, new TrainingOptions(Seed: s), new InlineProgress(report)));
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            model.Save(path);
            Console.WriteLine($"wrote {path} (model {model.Metadata.Version}, {model.Metadata.TrainingSize} vectors)");
            CliConsole.Summary("model", [("file", path), ("version", model.Metadata.Version), ("training vectors", model.Metadata.TrainingSize.ToString("N0")),
                ("features", model.Metadata.FeatureNames.Count.ToString()), ("events rejected", rejected.ToString("N0")),
                ("IPs / users seen", $"{extractor.IpCount:N0} / {extractor.UserCount:N0}")]);
            return 0;

            void Add(ParseOutcome outcome)
            {
                if (outcome.Event is { } ev) events.Add(ev);
                else rejected++;
            }
        });
        return command;
    }
}

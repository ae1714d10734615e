using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;

namespace SiemActors.Node.Cli;

/// <summary>
/// <c>siem load</c>: drives one or more nodes with batch ingest over keep-alive HTTP at a target rate (or as fast
/// as they answer) for a duration, and reports events/s, batch latency percentiles and errors. With <c>--analyze</c>
/// every request is one line to <c>POST /api/v1/logs/analyze</c> (the original service's contract), so events/s is requests/s.
/// </summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Corpus files; none: generate one in memory", Arity = ArgumentArity.ZeroOrMore };
        var urls = new Option<string[]>("--url") { Description = "Node base URL; repeat for several", DefaultValueFactory = _ => ["http://127.0.0.1:5080"], AllowMultipleArgumentsPerToken = true };
        var batch = new Option<int>("--batch") { Description = "Lines per request", DefaultValueFactory = _ => 2000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight", DefaultValueFactory = _ => 4 };
        var rate = new Option<int>("--rate") { Description = "Target events/s; 0: as fast as the nodes answer" };
        var duration = new Option<int>("--duration") { Description = "Seconds to run", DefaultValueFactory = _ => 30 };
        var generate = new Option<int>("--generate") { Description = "Lines to generate when no files are given", DefaultValueFactory = _ => 1_000_000 };
        var ips = new Option<int>("--ips") { Description = "Distinct client IPs in the generated corpus", DefaultValueFactory = _ => 100_000 };
        var users = new Option<int>("--users") { Description = "Distinct users in the generated corpus", DefaultValueFactory = _ => 10_000 };
        var report = new Option<string?>("--report") { Description = "Also write the results as JSON to this file" };
        var analyze = new Option<bool>("--analyze") { Description = "One line per request to /api/v1/logs/analyze instead of batches" };
        var sameTimes = new Option<bool>("--same-times")
        {
            Description = "Send every pass over a generated corpus with the same event times (they pile up in the same windows: "
                + "an alert storm after ~20 passes); by default each pass is later than the one before, like a live stream",
        };
        var firstPass = new Option<long>("--first-pass")
        {
            Description = "Times of a generated corpus start as if this many passes had gone: the next_pass of an earlier run's report, to go on from it",
        };
        var apiKey = ApiKeyOption.Create();
        var command = new Command("load", "Load-test nodes with batch ingest and report throughput and latency")
        {
            files, urls, batch, concurrency, rate, duration, generate, ips, users, report, analyze, sameTimes, firstPass, apiKey,
        };
        command.SetAction(async (parse, ct) =>
        {
            var single = parse.GetValue(analyze);
            var size = single ? 1 : Math.Max(1, parse.GetValue(batch));
            var corpusFiles = parse.GetValue(files) ?? [];
            Console.Error.WriteLine(corpusFiles.Length > 0 ? $"reading {string.Join(", ", corpusFiles)}" : $"generating {parse.GetValue(generate):N0} lines");
            // A corpus read from files goes as it is, pass after pass: where its times stand is not known here.
            var (bodies, times) = corpusFiles.Length > 0
                ? (LoadCorpus.FromFiles(corpusFiles, size), null)
                : LoadCorpus.Generate(parse.GetValue(generate), parse.GetValue(ips), parse.GetValue(users), size, seed: 1);
            if (parse.GetValue(sameTimes)) times = null;
            var lineCounts = bodies.Select(b => b.Count(c => c == (byte)'\n') + (b.Length > 0 && b[^1] != (byte)'\n' ? 1 : 0)).ToArray();
            if (single)
            {
                var lines = bodies;
                bodies = lines.Select(LoadCorpus.AnalyzeRequest).ToList();
                times = times?.In(lines, bodies);
            }
            var endpoint = single ? "api/v1/logs/analyze" : "api/v1/logs?source=auto";
            var nodes = parse.GetValue(urls)!.Select(u => new Uri(u.TrimEnd('/') + "/")).ToArray();
            var targets = nodes.Select(n => new Uri(n, endpoint)).ToArray();
            var key = parse.GetValue(apiKey);
            using var metricsHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            ApiKeyOption.Apply(metricsHttp, key);
            var before = await NodeCounters.ReadAsync(metricsHttp, nodes, ct);
            var corpus = new Corpus(bodies, lineCounts, times, Math.Max(0, parse.GetValue(firstPass)));
            var result = await RunAsync(corpus, single ? "application/json" : "text/plain", targets, key, Math.Max(1, parse.GetValue(concurrency)), parse.GetValue(rate),
                TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(duration))), ct);
            var after = before is null ? null : await NodeCounters.ReadAsync(metricsHttp, nodes, ct);
            result = result with { NodeCounters = before is null || after is null ? null : NodeCounters.Delta(before, after) };
            Console.WriteLine(result.Summary());
            CliConsole.Summary("load", [("events", result.Events.ToString("N0")), ("events/s", result.EventsPerSecond.ToString("N0")),
                ("batches", result.Batches.ToString("N0")), ("latency p50 ms", result.P50Ms.ToString("0.0")), ("latency p99 ms", result.P99Ms.ToString("0.0")),
                ("latency max ms", result.MaxMs.ToString("0.0")), ("errors", result.Errors.ToString("N0")),
                .. (result.NodeCounters ?? new Dictionary<string, double>()).Select(kv => ($"node: {kv.Key}", kv.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))]);
            if (parse.GetValue(report) is { } path) await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, Http.NodeJson.Options), ct);
            return result.Errors == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>What a run sends: the batch bodies and their line counts; with <paramref name="Times"/>, pass n (from <paramref name="FirstPass"/>) moved n spans later.</summary>
    private sealed record Corpus(List<byte[]> Bodies, int[] Lines, CorpusTimes? Times, long FirstPass);

    private static async Task<LoadResult> RunAsync(Corpus corpus, string mediaType, Uri[] targets, string? apiKey, int concurrency, int rate, TimeSpan duration, CancellationToken ct)
    {
        var latencies = new List<double>[concurrency];
        var errors = new Dictionary<string, int>();
        long events = 0, sent = 0, next = -1;
        var clock = Stopwatch.StartNew();

        var (bodies, lines) = (corpus.Bodies, corpus.Lines);
        async Task Worker(int id)
        {
            latencies[id] = [];
            byte[]? buffer = null; // this worker's shifted body: reused once the request before it has been answered
            var connections = new LoadConnection?[targets.Length]; // one keep-alive connection per node
            try
            {
                while (clock.Elapsed < duration && !ct.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref next);
                    var index = (int)(n % bodies.Count);
                    if (rate > 0)
                    {
                        // Pace by events: the batch may start once the target rate has "earned" the events sent before it.
                        var due = TimeSpan.FromSeconds((double)Interlocked.Add(ref sent, lines[index]) / rate) - clock.Elapsed;
                        if (due > TimeSpan.Zero) await Task.Delay(due, ct);
                    }
                    var body = corpus.Times is { } times ? times.Shift(bodies[index], index, corpus.FirstPass + n / bodies.Count, ref buffer) : bodies[index];
                    var node = (int)(n % targets.Length);
                    var started = Stopwatch.GetTimestamp();
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(RequestTimeout);
                    try
                    {
                        var connection = connections[node] ??= await LoadConnection.OpenAsync(targets[node], mediaType, apiKey, timeout.Token);
                        var status = await connection.PostAsync(body, timeout.Token);
                        if (!connection.Reusable) await Close(node);
                        if (status is >= 200 and < 300)
                        {
                            Interlocked.Add(ref events, lines[index]);
                            latencies[id].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        }
                        else Count($"HTTP {status}");
                    }
                    catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or OperationCanceledException && !ct.IsCancellationRequested)
                    {
                        Count(ex is OperationCanceledException ? "timeout" : ex.GetType().Name);
                        await Close(node);
                    }
                }
            }
            finally
            {
                for (var node = 0; node < connections.Length; node++) await Close(node);
            }

            async Task Close(int node)
            {
                if (connections[node] is { } c) await c.DisposeAsync();
                connections[node] = null;
            }
        }

        void Count(string key)
        {
            lock (errors) errors[key] = errors.GetValueOrDefault(key) + 1;
        }

        await CliConsole.ProgressAsync($"load on {targets.Length} node(s), {concurrency} in flight", duration.TotalSeconds, async bar =>
        {
            var workers = Task.WhenAll(Enumerable.Range(0, concurrency).Select(Worker));
            while (await Task.WhenAny(workers, Task.Delay(1000, ct)) != workers)
            {
                bar.Value = Math.Min(duration.TotalSeconds, clock.Elapsed.TotalSeconds);
                bar.Description = $"{Interlocked.Read(ref events) / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} events/s";
            }
            await workers;
            return 0;
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(events, elapsed, events / elapsed, all.Length, Percentile(all, 0.50), Percentile(all, 0.99),
            all.Length == 0 ? 0 : all[^1], errors.Values.Sum(), errors, concurrency, rate, targets.Length)
        {
            NextPass = corpus.FirstPass + (next + bodies.Count) / bodies.Count,
        };
    }

    /// <summary>A request not answered in this time counts as an error, and its connection is replaced.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public sealed record LoadResult(
    long Events, double Seconds, double EventsPerSecond, int Batches, double P50Ms, double P99Ms, double MaxMs,
    int Errors, IReadOnlyDictionary<string, int> ErrorsByKind, int Concurrency, int TargetRate, int Nodes)
{
    /// <summary>What the nodes themselves counted during the run (<see cref="Cli.NodeCounters"/>); null when their metrics could not be read.</summary>
    public IReadOnlyDictionary<string, double>? NodeCounters { get; init; }

    /// <summary>The pass over the corpus a following run goes on from (its <c>--first-pass</c>): one after the last this run began.</summary>
    public long NextPass { get; init; }

    public string Summary() =>
        $"{Events:N0} events in {Seconds:0.0} s = {EventsPerSecond:N0} events/s; {Batches:N0} batches, latency p50 {P50Ms:0.0} ms, "
        + $"p99 {P99Ms:0.0} ms, max {MaxMs:0.0} ms; errors {Errors}"
        + (Errors > 0 ? " (" + string.Join(", ", ErrorsByKind.Select(e => $"{e.Key}: {e.Value}")) + ")" : "");
}

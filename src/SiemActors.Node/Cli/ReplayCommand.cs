using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SiemActors.Node.Cli;

/// <summary>
/// <c>siem replay</c>: sends log files to the batch ingress of one or more nodes and reports what they made of them.
/// Batches go round-robin over the nodes; a batch that fails (5xx, timeout, refused connection) is sent again to
/// the next node, so a node dying mid-replay loses nothing that was acknowledged.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Log files (- for standard input)", Arity = ArgumentArity.OneOrMore };
        var urls = new Option<string[]>("--url")
        {
            Description = "Node base URL; repeat for several nodes",
            DefaultValueFactory = _ => ["http://127.0.0.1:5080"],
            AllowMultipleArgumentsPerToken = true,
        };
        var source = SourceOption.Create();
        var rate = new Option<int>("--rate") { Description = "Lines per second; 0 sends as fast as the nodes answer" };
        var batch = new Option<int>("--batch") { Description = "Lines per request", DefaultValueFactory = _ => 1000 };
        var attempts = new Option<int>("--attempts") { Description = "Tries per batch before giving up", DefaultValueFactory = _ => 30 };
        var report = new Option<string?>("--report") { Description = "Also write the totals as JSON to this file" };
        var apiKey = ApiKeyOption.Create();
        var command = new Command("replay", "Send logs to the ingress of one or more nodes and report accepted/rejected/anomalies/alerts")
        {
            files, urls, source, rate, batch, attempts, report, apiKey,
        };
        command.SetAction(async (parse, ct) =>
        {
            var targets = parse.GetValue(urls)!.Select(u => new Uri(u.TrimEnd('/') + "/")).ToArray();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            ApiKeyOption.Apply(http, parse.GetValue(apiKey));
            var path = $"api/v1/logs?source={Uri.EscapeDataString(parse.GetValue(source)!)}";
            var size = Math.Max(1, parse.GetValue(batch));
            var linesPerSecond = parse.GetValue(rate);
            var maxAttempts = Math.Max(1, parse.GetValue(attempts));
            var totals = new ReplayTotals();
            var clock = Stopwatch.StartNew();
            var next = 0;
            // A node that just failed is left alone for a few seconds rather than tried by every third batch.
            var restingUntil = new DateTime[targets.Length];
            var buffer = new List<string>(size);

            var inputs = parse.GetValue(files)!;
            // Counting first costs one extra read of the files and buys an honest progress bar; standard input cannot be read twice.
            var total = inputs.Contains("-") ? 0 : LineSource.Read(inputs).LongCount();
            await CliConsole.ProgressAsync($"replaying to {targets.Length} node(s)", total, async bar =>
            {
                bar.IsIndeterminate = total == 0;
                foreach (var line in LineSource.Read(inputs))
                {
                    buffer.Add(line);
                    if (buffer.Count == size)
                    {
                        var ok = await Flush();
                        bar.Value = totals.Sent;
                        if (!ok) break;
                    }
                }
                if (buffer.Count > 0) await Flush();
                bar.Value = totals.Sent;
                return 0;
            });
            totals.Seconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(totals.Summary());
            CliConsole.Summary("replay", totals.Rows());
            if (parse.GetValue(report) is { } reportPath)
                await File.WriteAllTextAsync(reportPath, JsonSerializer.Serialize(totals, Http.NodeJson.Options), ct);
            return totals.FailedBatches == 0 ? 0 : 1;

            async Task<bool> Flush()
            {
                var body = string.Join('\n', buffer);
                totals.Sent += buffer.Count;
                for (var attempt = 1; attempt <= maxAttempts; attempt++)
                {
                    var index = PickTarget();
                    var target = targets[index];
                    var (ok, json, error) = await PostAsync(http, new Uri(target, path), body, ct);
                    if (ok)
                    {
                        totals.Add(json!.Value);
                        buffer.Clear();
                        await Pace();
                        return true;
                    }
                    totals.Retries++;
                    restingUntil[index] = DateTime.UtcNow.AddSeconds(3);
                    Console.Error.WriteLine($"batch at line {totals.Sent - buffer.Count} failed on {target} (attempt {attempt}/{maxAttempts}): {error}");
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * attempt)), ct);
                }
                totals.FailedBatches++;
                totals.Unacknowledged += buffer.Count;
                buffer.Clear();
                return false;
            }

            int PickTarget()
            {
                var now = DateTime.UtcNow;
                for (var i = 0; i < targets.Length; i++)
                {
                    var candidate = next++ % targets.Length;
                    if (restingUntil[candidate] <= now) return candidate;
                }
                return next++ % targets.Length;
            }

            async Task Pace()
            {
                if (linesPerSecond <= 0) return;
                var due = TimeSpan.FromSeconds((double)totals.Sent / linesPerSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, ct);
            }
        });
        return command;
    }

    private static async Task<(bool Ok, JsonElement? Json, string? Error)> PostAsync(HttpClient http, Uri uri, string body, CancellationToken ct)
    {
        try
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            using var response = await http.PostAsync(uri, content, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) return (false, null, $"HTTP {(int)response.StatusCode}: {text}");
            return (true, JsonDocument.Parse(text).RootElement.Clone(), null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (false, null, ex.Message);
        }
    }
}

/// <summary>What a replay did; <see cref="Acknowledged"/> counts lines a node answered for after scoring them.</summary>
public sealed class ReplayTotals
{
    public long Sent { get; set; }
    public long Acknowledged { get; set; }
    public long Rejected { get; set; }
    public long Anomalies { get; set; }
    public long Alerts { get; set; }
    public long Retries { get; set; }
    public long FailedBatches { get; set; }
    public long Unacknowledged { get; set; }
    public double Seconds { get; set; }

    public void Add(JsonElement r)
    {
        Acknowledged += r.GetProperty("accepted").GetInt32();
        Rejected += r.GetProperty("rejected").GetArrayLength();
        Anomalies += r.GetProperty("anomalies").GetInt32();
        Alerts += r.GetProperty("alerts").GetInt32();
    }

    public IEnumerable<(string, string)> Rows() =>
    [
        ("lines sent", Sent.ToString("N0")), ("accepted (scored)", Acknowledged.ToString("N0")), ("rejected", Rejected.ToString("N0")),
        ("anomalies", Anomalies.ToString("N0")), ("alerts", Alerts.ToString("N0")), ("retries", Retries.ToString("N0")),
        ("failed batches", FailedBatches.ToString("N0")), ("lines/s", (Seconds > 0 ? Sent / Seconds : 0).ToString("N0")),
    ];

    public string Summary() =>
        $"sent {Sent}, accepted {Acknowledged}, rejected {Rejected}, anomalies {Anomalies}, alerts {Alerts}, retries {Retries}, "
        + $"failed batches {FailedBatches} in {Seconds:0.0} s ({(Seconds > 0 ? Sent / Seconds : 0):0} lines/s)";
}

using System.CommandLine;
using System.Diagnostics;
using SiemActors.Node.Security.Fuzzing;

namespace SiemActors.Node.Cli;

/// <summary>
/// <c>siem fuzz --url URL --count N --seed S</c>: hostile inputs against a running node's HTTP ingress and parsers;
/// prints counts per status code and exits 1 on any 5xx other than a deliberate 503, an error without problem JSON,
/// a connection reset, or refusals missing from <c>siem_http_rejections_total</c>.
/// <c>--flood SECONDS</c> runs the overload test instead (3x measured capacity by default, distinct source IPs).
/// </summary>
public static class FuzzCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Node base URL", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var count = new Option<int>("--count") { Description = "Inputs to send", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed sends the same inputs", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in parallel", DefaultValueFactory = _ => 8 };
        var apiKey = new Option<string?>("--api-key") { Description = "Key with ingest and read scopes (default: $SIEM_API_KEY)" };
        var readKey = new Option<string?>("--read-only-key") { Description = "A key without ingest, for 403 cases (default: $SIEM_READ_KEY)" };
        var flood = new Option<int>("--flood") { Description = "Run the overload test for this many seconds instead of fuzzing" };
        var factor = new Option<double>("--factor") { Description = "Flood: offered load as a multiple of measured capacity", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Flood: events per batch", DefaultValueFactory = _ => 200 };
        var command = new Command("fuzz", "Fuzz a node's HTTP ingress and parsers (or --flood: overload it) and report status counts")
        {
            url, count, seed, concurrency, apiKey, readKey, flood, factor, batch,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
            {
                BaseAddress = new Uri(parse.GetValue(url)!.TrimEnd('/') + "/"),
                Timeout = TimeSpan.FromSeconds(60),
            };
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("SIEM_API_KEY");
            if (parse.GetValue(flood) is > 0 and var seconds)
                return await FloodAsync(http, key, seconds, parse.GetValue(factor), parse.GetValue(batch), ct);
            return await FuzzAsync(http, key, parse.GetValue(readKey) ?? Environment.GetEnvironmentVariable("SIEM_READ_KEY"),
                parse.GetValue(count), parse.GetValue(seed), parse.GetValue(concurrency), ct);
        });
        return command;
    }

    private static async Task<int> FuzzAsync(HttpClient http, string? key, string? readKey, int count, int seed, int concurrency, CancellationToken ct)
    {
        var before = MetricsScrape.Sum(await MetricsScrape.FetchAsync(http, key, ct), "siem_http_rejections_total");
        var runner = new FuzzRunner(http, Console.Out);
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"fuzz: {count} inputs, seed {seed}, {concurrency} in parallel, against {http.BaseAddress}");
        await runner.RunAsync(new FuzzInputs(seed, key, readKey), count, concurrency, ct);
        var elapsed = clock.Elapsed.TotalSeconds;

        // Every refusal must show in /metrics; the exporter caches a scrape briefly, so poll until it agrees.
        double counted = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
        {
            counted = MetricsScrape.Sum(await MetricsScrape.FetchAsync(http, key, ct), "siem_http_rejections_total") - before;
            if (counted >= runner.Refusals) break;
            await Task.Delay(250, ct);
        }
        while (DateTime.UtcNow < deadline);

        Console.WriteLine($"sent {count} in {elapsed:0.0} s ({count / elapsed:0} /s)");
        Console.WriteLine("by status: " + string.Join(", ", runner.ByStatus.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value}")));
        foreach (var (family, n) in runner.ByFamily.OrderBy(kv => kv.Key)) Console.WriteLine($"  {family,-32} {n}");
        Console.WriteLine($"refusals seen {runner.Refusals}, counted in siem_http_rejections_total {counted:0}");
        var failures = runner.Failures.ToList();
        foreach (var failure in failures.Take(20)) Console.WriteLine("FAIL " + failure);
        var ok = failures.Count == 0 && counted >= runner.Refusals;
        Console.WriteLine(ok ? "fuzz: OK" : $"fuzz: FAILED ({failures.Count} bad answers, {runner.Refusals - counted:0} refusals not counted)");
        return ok ? 0 : 1;
    }

    private static async Task<int> FloodAsync(HttpClient http, string? key, int seconds, double factor, int batch, CancellationToken ct)
    {
        var runner = new FloodRunner(http, key, Console.Out);
        Console.WriteLine($"flood: measuring capacity for 10 s (batches of {batch}, 4 clients waiting for answers)");
        var capacity = await runner.MeasureCapacityAsync(batch, TimeSpan.FromSeconds(10), 4, ct);
        Console.WriteLine($"capacity {capacity:0} events/s; offering {factor:0.#}x = {capacity * factor:0} events/s for {seconds} s, every event a new source IP");
        var f = await runner.FloodAsync(capacity, factor, batch, TimeSpan.FromSeconds(seconds), 512, ct);
        Console.WriteLine($"offered {f.OfferedEventsPerSecond:0} events/s for {f.Seconds:0.0} s: {f.BatchesSent} batches; 200={f.Ok} 503={f.Shed503} 429={f.Limited429} other={f.OtherStatus} errors={f.Errors}");
        Console.WriteLine($"accepted {f.EventsAccepted} events ({f.EventsAccepted / f.Seconds:0} /s)");
        Console.WriteLine($"health: {f.HealthProbes} probes, {f.HealthFailures} failed, slowest {f.HealthMaxMs:0} ms; max resident memory seen {f.MaxRssMb:0} MiB");
        var ok = f.Errors == 0 && f.HealthFailures == 0;
        Console.WriteLine(ok ? "flood: OK" : "flood: FAILED");
        return ok ? 0 : 1;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SiemActors.Benchmarks;

/// <summary>
/// Ingest-to-Slack latency under load (not a BenchmarkDotNet job): starts a real node (the built <c>siem.dll</c>, its own
/// process, SQLite in a temp folder) whose Slack webhook is an HTTP receiver in this process, sends background traffic at
/// a fixed rate in batches to <c>POST /api/v1/logs</c>, and starts a known set of attackers at known times. Each
/// attacker's brute force goes in one batch (the batch that triggers its alert); its latency is from the start of that
/// POST to the arrival of the first Slack message naming the attacker.
/// <code>dotnet run -c Release --project tests/SiemActors.Benchmarks -- alert-latency [--rate 10000] [--seconds 20] [--attackers 100] [--batch 500] [--node PATH/siem.dll]</code>
/// </summary>
public static class AlertLatencyBenchmark
{
    private const int AttackLines = 15; // the brute_force rule fires at 10 failures a minute

    public static int Run(string[] args)
    {
        var rate = Option(args, "--rate", 10_000);
        var seconds = Option(args, "--seconds", 20);
        var attackers = Option(args, "--attackers", 100);
        var batch = Option(args, "--batch", 500);
        var nodeDll = OptionText(args, "--node") ?? FindNode();
        return RunAsync(rate, seconds, attackers, batch, nodeDll).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int rate, int seconds, int attackerCount, int batchSize, string nodeDll)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "siem-alert-latency-" + Guid.NewGuid().ToString("N"));
        using var receiver = new SlackReceiver(FreePort());
        var nodePort = FreePort();
        Console.WriteLine($"node {nodeDll}\nrate {rate:N0} events/s for {seconds} s in batches of {batchSize}, {attackerCount} attackers");
        using var node = StartNode(nodeDll, nodePort, dataDir, receiver.Url);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{nodePort}"), Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            await WaitReadyAsync(http, node);
            var result = await LoadAsync(http, receiver, rate, seconds, attackerCount, batchSize);
            Report(result, rate, seconds);
            return 0;
        }
        finally
        {
            if (!node.HasExited) node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed record LoadResult(
        List<double> LatenciesMs, int Missing, long Sent, long Accepted, long Rejected, long Failed, TimeSpan Elapsed, List<double> BatchMs, int SlackPosts);

    private static async Task<LoadResult> LoadAsync(HttpClient http, SlackReceiver receiver, int rate, int seconds, int attackerCount, int batchSize)
    {
        var batchesPerSecond = Math.Max(1, rate / batchSize);
        var interval = TimeSpan.FromSeconds(1.0 / batchesPerSecond);
        var totalBatches = batchesPerSecond * seconds;
        // Attackers start evenly over the run, after a 2 s warm-up, each in its own batch.
        var attackAt = Enumerable.Range(0, attackerCount).Select(i => 2 * batchesPerSecond + i * (totalBatches - 3 * batchesPerSecond) / Math.Max(1, attackerCount)).ToList();
        var attackStarted = new ConcurrentDictionary<string, long>();
        var batchMs = new ConcurrentBag<double>();
        long sent = 0, accepted = 0, rejected = 0, failed = 0;
        var inFlight = new List<Task>();
        var random = new Random(42);
        var day = new DateTime(2026, 1, 13, 3, 0, 0, DateTimeKind.Utc);
        var clock = Stopwatch.StartNew();
        var attacker = 0;

        for (var b = 0; b < totalBatches; b++)
        {
            var due = interval * b;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed);
            var at = day + clock.Elapsed;
            var lines = new List<string>(batchSize + AttackLines);
            string? ip = null;
            while (attacker < attackAt.Count && attackAt[attacker] <= b)
            {
                ip = $"45.{142 + attacker / 250}.{attacker % 250}.{7 + attacker % 200}";
                for (var i = 0; i < AttackLines; i++) lines.Add(Sshd(at, $"Failed password for admin from {ip} port {40000 + i} ssh2"));
                attacker++;
            }
            for (var i = lines.Count; i < batchSize; i++) lines.Add(Normal(random, at));
            var body = string.Join('\n', lines);
            var started = Stopwatch.GetTimestamp();
            if (ip is not null) attackStarted[ip] = started;
            inFlight.Add(SendAsync(http, body, lines.Count, started));
            inFlight.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(inFlight);
        var elapsed = clock.Elapsed;

        // Every alert should arrive; wait up to 30 s for the stragglers rather than call them lost.
        var deadline = Stopwatch.StartNew();
        while (attackStarted.Keys.Any(ip => !receiver.FirstSeen.ContainsKey(ip)) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100);
        var latencies = attackStarted
            .Where(kv => receiver.FirstSeen.ContainsKey(kv.Key))
            .Select(kv => Stopwatch.GetElapsedTime(kv.Value, receiver.FirstSeen[kv.Key]).TotalMilliseconds)
            .OrderBy(x => x).ToList();
        return new LoadResult(latencies, attackStarted.Count - latencies.Count, sent, accepted, rejected, failed, elapsed, [.. batchMs], receiver.Posts);

        async Task SendAsync(HttpClient client, string text, int count, long startedAt)
        {
            Interlocked.Add(ref sent, count);
            try
            {
                using var content = new StringContent(text, Encoding.UTF8, "text/plain");
                using var response = await client.PostAsync("/api/v1/logs?source=auto", content);
                var answer = await response.Content.ReadAsStringAsync();
                batchMs.Add(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) { Interlocked.Add(ref failed, count); return; }
                using var doc = System.Text.Json.JsonDocument.Parse(answer);
                Interlocked.Add(ref accepted, doc.RootElement.GetProperty("accepted").GetInt64());
                Interlocked.Add(ref rejected, doc.RootElement.GetProperty("rejected").GetArrayLength());
            }
            catch (HttpRequestException) { Interlocked.Add(ref failed, count); }
            catch (TaskCanceledException) { Interlocked.Add(ref failed, count); }
        }
    }

    /// <summary>Ordinary traffic that should not alert: web requests and key logins from a stable population.</summary>
    private static string Normal(Random random, DateTime at)
    {
        var host = random.Next(1, 2000);
        var ip = $"10.{host / 250}.{host % 250}.{1 + host % 200}";
        if (random.Next(10) == 0)
            return Sshd(at, $"Accepted publickey for user{host % 300} from {ip} port {30000 + random.Next(30000)} ssh2");
        var path = random.Next(5) switch { 0 => "/", 1 => "/index.html", 2 => "/api/items?page=" + random.Next(10), 3 => "/static/app.js", _ => "/login" };
        var stamp = at.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture);
        return $"{ip} - - [{stamp} +0000] \"GET {path} HTTP/1.1\" 200 {512 + random.Next(4096)} \"-\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0\"";
    }

    private static string Sshd(DateTime at, string message) =>
        $"{at.ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture)} server sshd[1234]: {message}";

    private static void Report(LoadResult r, int rate, int seconds)
    {
        double P(double q) => r.LatenciesMs.Count == 0 ? double.NaN : r.LatenciesMs[Math.Min(r.LatenciesMs.Count - 1, (int)Math.Ceiling(q * r.LatenciesMs.Count) - 1)];
        var batches = r.BatchMs.OrderBy(x => x).ToList();
        double B(double q) => batches.Count == 0 ? double.NaN : batches[Math.Min(batches.Count - 1, (int)Math.Ceiling(q * batches.Count) - 1)];
        Console.WriteLine($"sent {r.Sent:N0} lines in {r.Elapsed.TotalSeconds:0.0} s = {r.Sent / r.Elapsed.TotalSeconds:N0} events/s (target {rate:N0} for {seconds} s); "
            + $"accepted {r.Accepted:N0}, rejected {r.Rejected:N0}, failed {r.Failed:N0}");
        Console.WriteLine($"batch answered (all lines scored): p50 {B(0.5):0} ms, p99 {B(0.99):0} ms, max {B(1):0} ms");
        Console.WriteLine($"alerts: {r.LatenciesMs.Count} arrived, {r.Missing} missing; slack posts {r.SlackPosts}");
        Console.WriteLine($"ingest -> Slack POST latency: p50 {P(0.5):0} ms, p95 {P(0.95):0} ms, p99 {P(0.99):0} ms, max {P(1):0} ms");
    }

    private static Process StartNode(string dll, int port, string dataDir, string slackUrl)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var arg in new[]
        {
            dll, $"--urls=http://127.0.0.1:{port}", $"--Siem:DataDir={dataDir}", "--Siem:Cluster:Port=0",
            "--Siem:Models:Watch=false", $"--Siem:Slack:WebhookUrl={slackUrl}", "--Logging:LogLevel:Default=Warning",
            "--Siem:Limits:MaxBatchLines=10000",
        }) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the node");
        // Drain its output so it never blocks on a full pipe; keep errors visible.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine("node: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient http, Process node)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (node.HasExited) throw new InvalidOperationException($"the node exited with {node.ExitCode}");
            try
            {
                using var response = await http.GetAsync("/healthz/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("the node was not ready within 60 s");
    }

    private static string FindNode()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var config in new[] { "Release", "Debug" })
            {
                var dll = Path.Combine(dir.FullName, "src", "SiemActors.Node", "bin", config, "net10.0", "siem.dll");
                if (File.Exists(dll)) return dll;
            }
        }
        throw new FileNotFoundException("siem.dll not found: dotnet build -c Release src/SiemActors.Node, or pass --node PATH");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Stands in for Slack: answers 200 at once and notes when each attacker's IP first arrived.</summary>
    private sealed class SlackReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private int _posts;

        public SlackReceiver(int port)
        {
            Url = $"http://127.0.0.1:{port}/services/T/B/bench";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public ConcurrentDictionary<string, long> FirstSeen { get; } = new();
        public int Posts => Volatile.Read(ref _posts);

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                var arrived = Stopwatch.GetTimestamp();
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    var body = await reader.ReadToEndAsync();
                    Interlocked.Increment(ref _posts);
                    foreach (var ip in AttackerIps(body)) FirstSeen.TryAdd(ip, arrived);
                }
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        private static IEnumerable<string> AttackerIps(string body)
        {
            for (var i = body.IndexOf("45.", StringComparison.Ordinal); i >= 0; i = body.IndexOf("45.", i + 3, StringComparison.Ordinal))
            {
                var end = i;
                while (end < body.Length && (char.IsAsciiDigit(body[end]) || body[end] == '.')) end++;
                var candidate = body[i..end].TrimEnd('.');
                if (candidate.Count(c => c == '.') == 3 && (i == 0 || !char.IsAsciiDigit(body[i - 1]))) yield return candidate;
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace SiemActors.Node.Security.Fuzzing;

/// <summary>
/// The overload test: measures what the node scores per second when clients wait for answers (capacity), then offers
/// a multiple of that open-loop (batches start on a clock whether or not earlier ones were answered), every event from
/// a new source IP, while probing <c>/healthz/live</c> and sampling the node's resident memory from <c>/metrics</c>.
/// </summary>
public sealed class FloodRunner(HttpClient http, string? apiKey, TextWriter log)
{
    private long _ipCounter;

    public sealed record Figures(double CapacityEventsPerSecond, double OfferedEventsPerSecond, double Seconds, long BatchesSent, long EventsAccepted,
        long Ok, long Shed503, long Limited429, long OtherStatus, long Errors, long HealthProbes, long HealthFailures, double HealthMaxMs, double MaxRssMb);

    public async Task<double> MeasureCapacityAsync(int batch, TimeSpan duration, int concurrency, CancellationToken ct)
    {
        long events = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
            {
                using var response = await PostAsync(batch, ct);
                if (response?.IsSuccessStatusCode == true) Interlocked.Add(ref events, batch);
            }
        }));
        return events / clock.Elapsed.TotalSeconds;
    }

    public async Task<Figures> FloodAsync(double capacity, double factor, int batch, TimeSpan duration, int maxOutstanding, CancellationToken ct)
    {
        var offered = capacity * factor;
        var interval = TimeSpan.FromSeconds(batch / offered);
        long sent = 0, accepted = 0, ok = 0, shed = 0, limited = 0, other = 0, errors = 0;
        long probes = 0, probeFailures = 0;
        double healthMaxMs = 0, maxRssMb = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var health = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var t = Stopwatch.StartNew();
                try
                {
                    using var probeCts = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    probeCts.CancelAfter(TimeSpan.FromSeconds(2));
                    using var r = await http.GetAsync("/healthz/live", probeCts.Token);
                    if (!r.IsSuccessStatusCode) Interlocked.Increment(ref probeFailures);
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref probeFailures);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                Interlocked.Increment(ref probes);
                healthMaxMs = Math.Max(healthMaxMs, t.Elapsed.TotalMilliseconds);
                try
                {
                    var metrics = await MetricsScrape.FetchAsync(http, apiKey, stop.Token);
                    maxRssMb = Math.Max(maxRssMb, MetricsScrape.Sum(metrics, "dotnet_process_memory_working_set_bytes") / (1024 * 1024));
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    // A scrape that fails under load is not a health failure; the next one will do.
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                await Task.Delay(200, CancellationToken.None);
            }
        }, CancellationToken.None);

        var outstanding = new SemaphoreSlim(maxOutstanding);
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        var tick = 0L;
        while (clock.Elapsed < duration && !ct.IsCancellationRequested)
        {
            var due = interval * tick;
            if (clock.Elapsed < due) await Task.Delay(due - clock.Elapsed, ct);
            tick++;
            if (!outstanding.Wait(0))
            {
                Interlocked.Increment(ref other); // the client itself is saturated: counted, not sent
                continue;
            }
            Interlocked.Increment(ref sent);
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await PostAsync(batch, ct);
                    switch ((int?)response?.StatusCode)
                    {
                        case 200: Interlocked.Increment(ref ok); Interlocked.Add(ref accepted, batch); break;
                        case 503: Interlocked.Increment(ref shed); break;
                        case 429: Interlocked.Increment(ref limited); break;
                        case null: Interlocked.Increment(ref errors); break;
                        default: Interlocked.Increment(ref other); break;
                    }
                }
                finally
                {
                    outstanding.Release();
                }
            }, CancellationToken.None));
            if (inFlight.Count > 4096) inFlight.RemoveAll(t => t.IsCompleted);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(inFlight);
        await stop.CancelAsync();
        await health;
        log.WriteLine($"flood: {sent} batches in {seconds:0.0} s");
        return new Figures(capacity, offered, seconds, sent, accepted, ok, shed, limited, other, errors, probes, probeFailures, healthMaxMs, maxRssMb);
    }

    /// <returns>The response, or null when the connection failed.</returns>
    private async Task<HttpResponseMessage?> PostAsync(int batch, CancellationToken ct)
    {
        var body = new StringBuilder(batch * 100);
        for (var i = 0; i < batch; i++)
        {
            var n = Interlocked.Increment(ref _ipCounter);
            body.Append("Jan 13 03:45:12 server sshd[1234]: Failed password for invalid user u").Append(n % 97)
                .Append(" from 10.").Append((n >> 16) & 255).Append('.').Append((n >> 8) & 255).Append('.').Append(n & 255)
                .Append(" port 22 ssh2\n");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/logs?source=sshd") { Content = new StringContent(body.ToString(), Encoding.UTF8, "text/plain") };
        FuzzRunner.AddKey(request.Headers, apiKey);
        try
        {
            return await http.SendAsync(request, ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }
}

using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace SiemActors.Node.Security.Fuzzing;

/// <summary>
/// Sends <see cref="FuzzInputs"/> to a node with a few concurrent workers and classifies every answer. A failure is a
/// 5xx other than a deliberate 503 (problem JSON with Retry-After), an error status without problem JSON, a connection
/// reset or a request that never got an answer.
/// </summary>
public sealed class FuzzRunner(HttpClient http, TextWriter log)
{
    public ConcurrentDictionary<string, long> ByStatus { get; } = new();
    public ConcurrentDictionary<string, long> ByFamily { get; } = new();
    public ConcurrentQueue<string> Failures { get; } = new();
    public long Refusals;

    public async Task RunAsync(FuzzInputs inputs, int count, int concurrency, CancellationToken ct)
    {
        var next = -1;
        var gate = new Lock();
        var workers = Enumerable.Range(0, Math.Max(1, concurrency)).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count && !ct.IsCancellationRequested)
            {
                FuzzCase fuzz;
                lock (gate) fuzz = inputs.Next(); // one seeded generator: the same seed gives the same inputs
                await SendAsync(fuzz, ct);
                var done = Volatile.Read(ref next);
                if (done % 10_000 == 0 && done > 0) log.WriteLine($"  {done} sent, {Failures.Count} failures");
            }
        });
        await Task.WhenAll(workers);
    }

    private async Task SendAsync(FuzzCase fuzz, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(fuzz.Method, fuzz.Path);
        if (fuzz.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzz.Body);
            if (!string.IsNullOrEmpty(fuzz.ContentType)) request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
        }
        if (!fuzz.OmitKey && fuzz.ApiKey is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", fuzz.ApiKey);
        string outcome;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var status = (int)response.StatusCode;
            outcome = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            // Kestrel refuses some requests itself (a NUL or control character in the decoded path) with a bare 400
            // before any middleware runs: deliberate, but neither problem JSON nor counted by the node's own counter.
            var protocol = status is 400 or 414 or 431 && !problem && response.Content.Headers.ContentLength == 0;
            if (protocol) outcome = $"{status}-protocol";
            else if (status >= 400) Interlocked.Increment(ref Refusals);
            if (status == 503 && (!problem || response.Headers.RetryAfter is null))
                Fail(fuzz, $"503 without problem JSON and Retry-After");
            else if (status >= 500 && status != 503)
                Fail(fuzz, $"{status}: {Truncate(await response.Content.ReadAsStringAsync(ct))}");
            else if (status >= 400 && !problem && !protocol)
                Fail(fuzz, $"{status} without problem JSON");
            else if (status is 429 or 503 && response.Headers.RetryAfter is null)
                Fail(fuzz, $"{status} without Retry-After");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = "timeout";
            Fail(fuzz, "no answer before the client timeout");
        }
        catch (HttpRequestException ex)
        {
            outcome = "connection-error";
            Fail(fuzz, $"connection error: {ex.Message} {ex.InnerException?.Message}");
        }
        ByStatus.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        ByFamily.AddOrUpdate($"{fuzz.Family} {outcome}", 1, (_, n) => n + 1);
    }

    private void Fail(FuzzCase fuzz, string why)
    {
        if (Failures.Count < 1000)
            Failures.Enqueue($"{fuzz.Family} {fuzz.Method} {(fuzz.Path.Length > 200 ? fuzz.Path[..200] + "..." : fuzz.Path)} ({fuzz.Body?.Length ?? 0} bytes, {fuzz.ContentType}): {why}");
    }

    private static string Truncate(string s) => s.Length <= 300 ? s : s[..300] + "...";

    public static void AddKey(HttpRequestHeaders headers, string? key)
    {
        if (key is not null) headers.TryAddWithoutValidation("X-Api-Key", key);
    }
}

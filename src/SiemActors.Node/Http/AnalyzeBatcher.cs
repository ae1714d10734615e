using System.Threading.Channels;
using SiemActors.Actors.Ingress;

namespace SiemActors.Node.Http;

/// <summary>
/// Coalesces concurrent single-line analyze requests into ingest batches. Whatever queued while earlier batches were
/// being scored goes out as the next batch, so a lone request is sent at once and a busy node pays the pipeline's
/// per-batch costs (the ingress ask, the collector, the hops between stages) once per batch, not once per request.
/// Each request still gets its own verdict, rejection or refusal.
/// </summary>
public sealed class AnalyzeBatcher : IAsyncDisposable
{
    public const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { AllowSynchronousContinuations = false });
    private readonly IngressClient _ingress;
    private readonly Task[] _senders;

    public AnalyzeBatcher(IngressClient ingress)
    {
        _ingress = ingress;
        // A few batches in flight at once: one being scored while the next one fills.
        _senders = new Task[Math.Max(2, Environment.ProcessorCount)];
        for (var i = 0; i < _senders.Length; i++) _senders[i] = Task.Run(SendLoopAsync);
    }

    /// <returns>The line's <see cref="IndexedVerdict"/>, its <see cref="RejectedLine"/>, <see cref="BatchFailed"/>, or
    /// <see cref="Security.AdmissionRefused"/>.</returns>
    public Task<object> AnalyzeAsync(RawLine line)
    {
        var pending = new Pending(line, new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) pending.Result.TrySetResult(new BatchFailed("the node is shutting down; retry"));
        return pending.Result.Task;
    }

    private async Task SendLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            if (batch.Count == 0) continue;
            try
            {
                var lines = new RawLine[batch.Count];
                for (var i = 0; i < lines.Length; i++) lines[i] = batch[i].Line;
                var answer = await _ingress.IngestAsync(new IngestBatch(lines, DateTimeOffset.UtcNow, VerdictDetail.All), CancellationToken.None)
                    .ConfigureAwait(false);
                Complete(batch, answer);
            }
            catch (Exception ex)
            {
                foreach (var p in batch) p.Result.TrySetResult(new BatchFailed($"the pipeline failed: {ex.GetBaseException().Message}; retry"));
            }
        }
    }

    private static void Complete(List<Pending> batch, object answer)
    {
        if (answer is not BatchResult result)
        {
            // Refused or failed as a whole: every request in it gets the same answer.
            foreach (var p in batch) p.Result.TrySetResult(answer);
            return;
        }
        foreach (var rejected in result.Rejected) batch[rejected.Index].Result.TrySetResult(rejected);
        foreach (var verdict in result.Verdicts) batch[verdict.Index].Result.TrySetResult(verdict);
        foreach (var p in batch) p.Result.TrySetResult(new BatchFailed("the pipeline answered without a verdict; retry"));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_senders).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    private sealed record Pending(RawLine Line, TaskCompletionSource<object> Result);
}

using System.Threading.Channels;
using Akka.Actor;
using Akka.Hosting;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Telemetry;
using SiemActors.Domain.Events;

namespace SiemActors.Node.Syslog;

/// <summary>
/// The bounded queue between one listener's sockets and the pipeline. Collects lines into batches (up to
/// <see cref="SyslogOptions.BatchLines"/>, or what arrived within <see cref="SyslogOptions.BatchDelay"/> of the first)
/// and asks the ingress once per batch, with a few batches in flight; when they are all busy the queue fills, and a full
/// queue drops UDP lines and stops TCP reads.
/// </summary>
public sealed class SyslogBatcher
{
    private readonly Channel<string> _queue;
    private readonly SyslogListenerStats _stats;
    private readonly SyslogOptions _options;
    private readonly SourceKind _source;
    private readonly IRequiredActor<IngressGateway> _ingress;
    private readonly TimeSpan _askTimeout;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _inFlight;

    public SyslogBatcher(SyslogListenerStats stats, SyslogOptions options, SourceKind source,
        IRequiredActor<IngressGateway> ingress, TimeSpan askTimeout, ILogger log)
    {
        _stats = stats;
        _options = options;
        _source = source;
        _ingress = ingress;
        _askTimeout = askTimeout;
        _log = log;
        _inFlight = new SemaphoreSlim(options.MaxBatchesInFlight, options.MaxBatchesInFlight);
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = true,
        });
        stats.QueueDepth = () => _queue.Reader.Count;
    }

    /// <summary>For UDP: false when the queue is full (the caller counts the drop).</summary>
    public bool TryWrite(string line) => _queue.Writer.TryWrite(line);

    /// <summary>For TCP: waits while the queue is full, so the socket is not read and the sender is slowed by TCP itself.</summary>
    public ValueTask WriteAsync(string line, CancellationToken ct) => _queue.Writer.WriteAsync(line, ct);

    /// <summary>No more lines: <see cref="RunAsync"/> sends what is queued and returns once every batch is answered.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>The batching loop; <paramref name="abort"/> gives up on queued lines and batches in flight (a hard stop).</summary>
    public async Task RunAsync(CancellationToken abort)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                var batch = await CollectAsync(reader, abort).ConfigureAwait(false);
                if (batch.Count == 0) continue;
                await _inFlight.WaitAsync(abort).ConfigureAwait(false);
                _ = SendAsync(batch);
            }
            // Drained: wait for the batches still being scored.
            for (var i = 0; i < _options.MaxBatchesInFlight; i++) await _inFlight.WaitAsync(abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            var left = reader.Count;
            if (left > 0) _log.LogWarning("Syslog {Listener}: stopped with {Lines} lines not sent to the pipeline", _stats.Name, left);
        }
    }

    /// <summary>The lines queued now, then whatever arrives until the batch is full or its delay has passed.</summary>
    private async Task<List<RawLine>> CollectAsync(ChannelReader<string> reader, CancellationToken abort)
    {
        var max = _options.BatchLines;
        var batch = new List<RawLine>(Math.Min(max, Math.Max(16, reader.Count)));
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(abort);
        delay.CancelAfter(_options.BatchDelay);
        while (batch.Count < max)
        {
            while (batch.Count < max && reader.TryRead(out var line)) batch.Add(new RawLine(line, _source));
            if (batch.Count >= max) break;
            try
            {
                if (!await reader.WaitToReadAsync(delay.Token).ConfigureAwait(false)) break;
            }
            catch (OperationCanceledException) when (!abort.IsCancellationRequested)
            {
                break; // the batch's delay is up
            }
        }
        return batch;
    }

    private async Task SendAsync(List<RawLine> lines)
    {
        try
        {
            using var timing = SiemMetrics.StartBatch("syslog");
            var ingress = await _ingress.GetAsync().ConfigureAwait(false);
            var answer = await ingress.Ask<object>(new IngestBatch(lines, DateTimeOffset.UtcNow, VerdictDetail.None), _askTimeout)
                .ConfigureAwait(false);
            switch (answer)
            {
                case BatchResult result:
                    _stats.CountBatch(lines.Count, result.Rejected.Count);
                    if (result.Rejected.Count > 0)
                        _log.LogDebug("Syslog {Listener}: {Count} of {Lines} lines unparsed, e.g. '{Error}'",
                            _stats.Name, result.Rejected.Count, lines.Count, result.Rejected[0].Error);
                    break;
                case BatchFailed failed:
                    Failed(lines.Count, failed.Reason);
                    break;
            }
        }
        catch (Exception ex)
        {
            // Syslog has no way to ask the sender again: count the loss and say why, never fault the loop.
            Failed(lines.Count, ex is AskTimeoutException ? $"no answer from the ingress within {_askTimeout.TotalSeconds:0} s" : ex.Message);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private void Failed(int lines, string reason)
    {
        _stats.CountFailed(lines);
        _log.LogWarning("Syslog {Listener}: a batch of {Lines} lines was not scored: {Reason}", _stats.Name, lines, reason);
    }
}

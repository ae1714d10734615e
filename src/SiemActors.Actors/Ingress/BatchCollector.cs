using Akka.Actor;
using SiemActors.Actors.Parsing;
using SiemActors.Domain.Events;

namespace SiemActors.Actors.Ingress;

/// <summary>
/// Lives for one ingest request: splits the batch into chunks per source for the parsers, then counts
/// verdicts as they come back from scorers on any node, and answers when every accepted line is scored.
/// If that does not happen within the timeout it answers <see cref="BatchFailed"/>, so the client retries
/// rather than believing lines were scored that were not.
/// </summary>
public sealed class BatchCollector : ReceiveActor
{
    public const int ChunkSize = 1024;

    private readonly IActorRef _replyTo;
    private readonly IngestBatch _batch;
    private readonly List<RejectedLine> _rejected = [];
    private readonly List<IndexedVerdict> _verdicts = [];
    private int _chunksExpected, _chunksParsed, _accepted, _scored, _anomalies, _alerts;

    public BatchCollector(IngestBatch batch, IActorRef replyTo, IActorRef parsers, TimeSpan timeout)
    {
        _batch = batch;
        _replyTo = replyTo;
        Receive<ChunkParsed>(m =>
        {
            _chunksParsed++;
            _accepted += m.Accepted;
            _rejected.AddRange(m.Rejected);
            TryComplete();
        });
        Receive<EventsScored>(m =>
        {
            _scored += m.Scored;
            _anomalies += m.Anomalies;
            _alerts += m.Alerts;
            _verdicts.AddRange(m.Verdicts);
            TryComplete();
        });
        Receive<ReceiveTimeout>(_ =>
        {
            _replyTo.Tell(new BatchFailed(
                $"timed out after {timeout.TotalSeconds:0.#} s: {_scored} of {(_chunksParsed == _chunksExpected ? _accepted.ToString() : "?")} events scored; retry the batch"));
            Context.Stop(Self);
        });

        SendChunks(parsers);
        Context.SetReceiveTimeout(timeout);
        TryComplete();
    }

    public static Props Props(IngestBatch batch, IActorRef replyTo, IActorRef parsers, TimeSpan timeout) =>
        Hosting.FactoryProps.Of(() => new BatchCollector(batch, replyTo, parsers, timeout));

    private void SendChunks(IActorRef parsers)
    {
        var lines = _batch.Lines;
        var start = 0;
        while (start < lines.Count)
        {
            // A chunk holds consecutive lines of one declared source and at most ChunkSize of them.
            var source = lines[start].Source;
            var end = start + 1;
            while (end < lines.Count && end - start < ChunkSize && lines[end].Source == source) end++;
            var chunk = new string[end - start];
            for (var i = start; i < end; i++) chunk[i - start] = lines[i].Line;
            parsers.Tell(new ParseChunk(Self, source, start, chunk, _batch.ReceivedAt, _batch.Detail));
            _chunksExpected++;
            start = end;
        }
    }

    private void TryComplete()
    {
        if (_chunksParsed < _chunksExpected || _scored < _accepted) return;
        _rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        _verdicts.Sort((a, b) => a.Index.CompareTo(b.Index));
        _replyTo.Tell(new BatchResult(_accepted, _rejected, _anomalies, _alerts, _verdicts));
        Context.Stop(Self);
    }
}

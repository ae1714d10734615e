using Akka.Actor;
using SiemActors.Actors.Serialization;
using SiemActors.Domain.Events;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Ingress;

/// <summary>One raw line as received, with the parser the client asked for.</summary>
public readonly record struct RawLine(string Line, SourceKind Source);

/// <summary>Which verdicts a batch answer carries back to the client.</summary>
public enum VerdictDetail : byte { None = 0, Anomalies = 1, All = 2 }

/// <summary>Asked of the ingress by HTTP (one ask per request, never per event).</summary>
public sealed record IngestBatch(IReadOnlyList<RawLine> Lines, DateTimeOffset ReceivedAt, VerdictDetail Detail);

public sealed record RejectedLine(int Index, string Error);

/// <summary>A verdict for the line at <paramref name="Index"/> of the batch.</summary>
public sealed record IndexedVerdict(int Index, LogEvent Event, Verdict Verdict);

/// <summary>The answer to <see cref="IngestBatch"/>, sent once every accepted line has been scored.</summary>
public sealed record BatchResult(
    int Accepted,
    IReadOnlyList<RejectedLine> Rejected,
    int Anomalies,
    int Alerts,
    IReadOnlyList<IndexedVerdict> Verdicts);

/// <summary>The batch could not be completed in time (a shard unreachable, the node overloaded): retry it.</summary>
public sealed record BatchFailed(string Reason);

/// <summary>Parsers tell the collector how a chunk went: how many events went on to entities, which lines were rejected.</summary>
public sealed record ChunkParsed(int Accepted, IReadOnlyList<RejectedLine> Rejected) : ISiemMessage;

/// <summary>
/// Scorers send back to the batch's collector how many events they scored, with only the verdicts the
/// client asked for, so a plain ingest moves counts across nodes rather than whole verdicts.
/// </summary>
public sealed record EventsScored(int Scored, int Anomalies, int Alerts, IReadOnlyList<IndexedVerdict> Verdicts) : ISiemMessage;

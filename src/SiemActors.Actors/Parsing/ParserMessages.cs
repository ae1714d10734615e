using Akka.Actor;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;

namespace SiemActors.Actors.Parsing;

/// <summary>A run of lines of one declared source, starting at <paramref name="StartIndex"/> of their batch.</summary>
public sealed record ParseChunk(
    IActorRef Collector,
    SourceKind Source,
    int StartIndex,
    IReadOnlyList<string> Lines,
    DateTimeOffset ReceivedAt,
    VerdictDetail Detail);

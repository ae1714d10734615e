using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>A pure, thread-safe parser for one source kind.</summary>
public interface ILineParser
{
    SourceKind Kind { get; }

    /// <param name="line">One line without its terminator.</param>
    /// <param name="receivedAt">Receive time: resolves year-less timestamps and stands in when a line has none.</param>
    ParseOutcome Parse(string line, DateTimeOffset receivedAt);
}

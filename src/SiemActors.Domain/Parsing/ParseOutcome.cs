using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>Either a typed event or the reason the line could not be read; parsers never throw.</summary>
public readonly record struct ParseOutcome(LogEvent? Event, string? Error)
{
    public bool Success => Event is not null;
    public static ParseOutcome Ok(LogEvent ev) => new(ev, null);
    public static ParseOutcome Fail(string error) => new(null, error);
}

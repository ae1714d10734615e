using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// The draft's time and numbers as plain fields with presence bits, the way <see cref="LogEvent"/> stores them: a
/// <c>DateTimeOffset?</c>, four <c>int?</c> and a <c>long?</c> were 32 bytes more draft to zero on every line, and the
/// event then tested each one again. The nullable properties keep the parsers' code as it was;
/// the fields are declared in EventDraft.cs (a partial struct's fields must all be in one part).
/// </summary>
internal ref partial struct EventDraft
{
    public DateTimeOffset? Timestamp
    {
        readonly get => HasTimestamp ? TimestampValue : null;
        set => (HasTimestamp, TimestampValue) = (value.HasValue, value.GetValueOrDefault());
    }

    public int? SourcePort { readonly get => LogEvent.Number(Present, SourcePortValue, LogEvent.Present.SourcePort); set => SourcePortValue = LogEvent.Store(ref Present, value, LogEvent.Present.SourcePort); }
    public int? ProcessPid { readonly get => LogEvent.Number(Present, ProcessPidValue, LogEvent.Present.ProcessPid); set => ProcessPidValue = LogEvent.Store(ref Present, value, LogEvent.Present.ProcessPid); }
    public int? SyslogPriority { readonly get => LogEvent.Number(Present, SyslogPriorityValue, LogEvent.Present.SyslogPriority); set => SyslogPriorityValue = LogEvent.Store(ref Present, value, LogEvent.Present.SyslogPriority); }
    public int? HttpStatus { readonly get => LogEvent.Number(Present, HttpStatusValue, LogEvent.Present.HttpStatus); set => HttpStatusValue = LogEvent.Store(ref Present, value, LogEvent.Present.HttpStatus); }
    public long? HttpBytes { readonly get => LogEvent.Number(Present, HttpBytesValue, LogEvent.Present.HttpBytes); set => HttpBytesValue = LogEvent.Store(ref Present, value, LogEvent.Present.HttpBytes); }
}

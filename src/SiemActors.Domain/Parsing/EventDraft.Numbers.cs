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

    public int? SourcePort { readonly get => Get(SourcePortValue, LogEvent.Present.SourcePort); set => SourcePortValue = Set(value, LogEvent.Present.SourcePort); }
    public int? ProcessPid { readonly get => Get(ProcessPidValue, LogEvent.Present.ProcessPid); set => ProcessPidValue = Set(value, LogEvent.Present.ProcessPid); }
    public int? SyslogPriority { readonly get => Get(SyslogPriorityValue, LogEvent.Present.SyslogPriority); set => SyslogPriorityValue = Set(value, LogEvent.Present.SyslogPriority); }
    public int? HttpStatus { readonly get => Get(HttpStatusValue, LogEvent.Present.HttpStatus); set => HttpStatusValue = Set(value, LogEvent.Present.HttpStatus); }

    public long? HttpBytes
    {
        readonly get => (Present & LogEvent.Present.HttpBytes) != 0 ? HttpBytesValue : null;
        set
        {
            Present = value.HasValue ? Present | LogEvent.Present.HttpBytes : Present & ~LogEvent.Present.HttpBytes;
            HttpBytesValue = value.GetValueOrDefault();
        }
    }

    private readonly int? Get(int value, LogEvent.Present bit) => (Present & bit) != 0 ? value : null;

    private int Set(int? value, LogEvent.Present bit)
    {
        Present = value.HasValue ? Present | bit : Present & ~bit;
        return value.GetValueOrDefault();
    }
}

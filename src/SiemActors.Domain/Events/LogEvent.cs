namespace SiemActors.Domain.Events;

/// <summary>
/// One parsed log line as a typed event. Property names map one-to-one onto Elastic Common Schema
/// fields (see <see cref="EcsFieldNames"/>); null means the line did not carry that field.
/// </summary>
public sealed partial record LogEvent
{
    /// <summary>Event time from the log itself; verdicts are computed on this clock, not on receive time.</summary>
    public required DateTimeOffset Timestamp { get; init; }
    public required SourceKind Source { get; init; }
    public EventCategory Category { get; init; }
    /// <summary>ECS <c>event.action</c>, e.g. <c>ssh_login</c>, <c>http_request</c>.</summary>
    public string? Action { get; init; }
    public EventOutcome Outcome { get; init; }
    /// <summary>ECS <c>event.reason</c>: why the source says it happened, e.g. <c>pam</c>, <c>invalid_user</c>, <c>password</c>.</summary>
    public string? Reason { get; init; }

    public string? SourceIp { get; init; }
    public int? SourcePort { get => Number(_present, _sourcePort, Present.SourcePort); init => _sourcePort = Store(ref _present, value, Present.SourcePort); }
    public string? SourceCountry { get; init; }
    public string? UserName { get; init; }
    public string? HostName { get; init; }
    public string? ProcessName { get; init; }
    public int? ProcessPid { get => Number(_present, _processPid, Present.ProcessPid); init => _processPid = Store(ref _present, value, Present.ProcessPid); }
    /// <summary>
    /// The message part of the line. For syslog lines it is a range of <see cref="Original"/> until first read: most
    /// events are never asked for it, and copying it out cost as much as the rest of the event.
    /// </summary>
    public string? Message
    {
        get => _message ?? MessageFromOriginal();
        init
        {
            _message = value;
            _messageLength = 0;
        }
    }

    public int? SyslogPriority { get => Number(_present, _syslogPriority, Present.SyslogPriority); init => _syslogPriority = Store(ref _present, value, Present.SyslogPriority); }
    public string? SyslogMsgId { get; init; }
    public string? SyslogStructuredData { get; init; }

    public string? HttpMethod { get; init; }
    public string? UrlOriginal { get; init; }
    public string? HttpVersion { get; init; }
    public int? HttpStatus { get => Number(_present, _httpStatus, Present.HttpStatus); init => _httpStatus = Store(ref _present, value, Present.HttpStatus); }
    public long? HttpBytes { get => Number(_present, _httpBytes, Present.HttpBytes); init => _httpBytes = Store(ref _present, value, Present.HttpBytes); }
    public string? HttpReferrer { get; init; }
    public string? UserAgent { get; init; }

    /// <summary>The raw line as received: kept for alert samples and for re-parsing.</summary>
    public string? Original
    {
        get => _original;
        init
        {
            // `with { Original = ... }`: a message that was a range of the old line keeps the old line's text.
            if (_original is not null && _messageLength > 0) _message ??= _original.Substring(_messageStart, _messageLength);
            _messageLength = 0;
            _original = value;
        }
    }

    public int? SyslogFacility => SyslogPriority is { } p ? p >> 3 : null;
    public int? SyslogSeverity => SyslogPriority is { } p ? p & 7 : null;
}

namespace SiemActors.Domain.Events;

/// <summary>
/// The message as a range of the original line, and the equality that goes with it: two events are equal when their
/// properties are, whether a message is still a range, already read, or was set as a string.
/// </summary>
public sealed partial record LogEvent
{
    private string? _original;
    private string? _message;
    // Two shorts keep the event at 216 bytes (two ints made it 224); longer lines copy their message instead.
    private ushort _messageStart, _messageLength;

    /// <summary>
    /// Message = Original[start..start+length], without copying it now; a zero length leaves the message as it is. Set
    /// after <see cref="Original"/>, which clears it; only the parsers use it, on a line they have just read.
    /// </summary>
    internal (int Start, int Length) MessageInOriginal
    {
        init
        {
            if (value.Length == 0) return;
            if (_original is null || value.Length < 0 || (uint)value.Start > (uint)_original.Length || value.Length > _original.Length - value.Start)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "the message must be a range of Original");
            }
            if (value.Start == 0 && value.Length == _original.Length) _message = _original;
            else if (value.Start + value.Length <= ushort.MaxValue) (_messageStart, _messageLength, _message) = ((ushort)value.Start, (ushort)value.Length, null);
            else _message = _original.Substring(value.Start, value.Length);
        }
    }

    // A benign race: two threads reading the message first both copy the same text, and either copy is right.
    private string? MessageFromOriginal() =>
        _messageLength > 0 ? _message = _original!.Substring(_messageStart, _messageLength) : null;

    private ReadOnlySpan<char> MessageSpan(out bool isNull)
    {
        isNull = false;
        if (_message is { } m) return m;
        if (_messageLength > 0) return _original.AsSpan(_messageStart, _messageLength);
        isNull = true;
        return default;
    }

    public bool Equals(LogEvent? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null) return false;
        var message = MessageSpan(out var noMessage);
        var otherMessage = other.MessageSpan(out var otherNoMessage);
        return noMessage == otherNoMessage && message.SequenceEqual(otherMessage)
            && Timestamp.Equals(other.Timestamp) && Source == other.Source && Category == other.Category
            && Outcome == other.Outcome && SourcePort == other.SourcePort && ProcessPid == other.ProcessPid
            && SyslogPriority == other.SyslogPriority && HttpStatus == other.HttpStatus && HttpBytes == other.HttpBytes
            && string.Equals(Action, other.Action) && string.Equals(Reason, other.Reason)
            && string.Equals(SourceIp, other.SourceIp) && string.Equals(SourceCountry, other.SourceCountry)
            && string.Equals(UserName, other.UserName) && string.Equals(HostName, other.HostName)
            && string.Equals(ProcessName, other.ProcessName) && string.Equals(SyslogMsgId, other.SyslogMsgId)
            && string.Equals(SyslogStructuredData, other.SyslogStructuredData) && string.Equals(HttpMethod, other.HttpMethod)
            && string.Equals(UrlOriginal, other.UrlOriginal) && string.Equals(HttpVersion, other.HttpVersion)
            && string.Equals(HttpReferrer, other.HttpReferrer) && string.Equals(UserAgent, other.UserAgent)
            && string.Equals(_original, other._original);
    }

    public override int GetHashCode()
    {
        var message = MessageSpan(out var noMessage);
        var h = new HashCode();
        h.Add(Timestamp);
        h.Add(Source);
        h.Add(Category);
        h.Add(Outcome);
        h.Add(SourcePort);
        h.Add(ProcessPid);
        h.Add(SyslogPriority);
        h.Add(HttpStatus);
        h.Add(HttpBytes);
        h.Add(Action);
        h.Add(Reason);
        h.Add(SourceIp);
        h.Add(SourceCountry);
        h.Add(UserName);
        h.Add(HostName);
        h.Add(ProcessName);
        h.Add(noMessage ? 0 : string.GetHashCode(message));
        h.Add(SyslogMsgId);
        h.Add(SyslogStructuredData);
        h.Add(HttpMethod);
        h.Add(UrlOriginal);
        h.Add(HttpVersion);
        h.Add(HttpReferrer);
        h.Add(UserAgent);
        h.Add(_original);
        return h.ToHashCode();
    }
}

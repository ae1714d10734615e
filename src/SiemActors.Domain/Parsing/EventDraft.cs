using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// The fields of an event while its line is being read. A mutable struct passed by ref through the
/// parsers so that a line that turns out not to parse allocates no <see cref="LogEvent"/>.
/// A ref struct because it can then only live on the stack, and the JIT knows it: a reference stored through
/// <c>ref EventDraft</c> is a plain move, where through a ref to an ordinary struct it is a checked write-barrier call
/// (the ref might point into the heap). A line sets about eight references, so that was ~8 calls per line.
/// </summary>
internal ref partial struct EventDraft
{
    // Time and numbers with presence bits, as the event stores them (see EventDraft.Numbers.cs).
    public DateTimeOffset TimestampValue;
    public bool HasTimestamp;
    public int SourcePortValue, ProcessPidValue, SyslogPriorityValue, HttpStatusValue;
    public long HttpBytesValue;
    public LogEvent.Present Present;
    public SourceKind Source;
    public EventCategory Category;
    public string? Action;
    public EventOutcome Outcome;
    public string? Reason;
    public string? SourceIp;
    public string? SourceCountry;
    public string? UserName;
    public string? HostName;
    public string? ProcessName;
    public string? Message;
    /// <summary>When <see cref="Message"/> is null, the message as a range of the line (syslog MSG), copied only if read.</summary>
    public int MessageStart, MessageLength;
    public string? SyslogMsgId;
    public string? SyslogStructuredData;
    public string? HttpMethod;
    public string? UrlOriginal;
    public string? HttpVersion;
    public string? HttpReferrer;
    public string? UserAgent;

    /// <summary>
    /// The fields the sshd and PAM message parsers write (their only outputs besides <see cref="Source"/>), so that a
    /// message they give up on halfway can be undone without copying the whole ~180-byte draft twice.
    /// </summary>
    public readonly AuthFields SaveAuth() => new(Source, Category, Action, Outcome, Reason, SourceIp, SourcePort, UserName);

    public void RestoreAuth(in AuthFields f) =>
        (Source, Category, Action, Outcome, Reason, SourceIp, SourcePort, UserName) =
        (f.Source, f.Category, f.Action, f.Outcome, f.Reason, f.SourceIp, f.SourcePort, f.UserName);

    public void SetAuth(string action, EventOutcome outcome, EventCategory category = EventCategory.Authentication)
    {
        Action = action;
        Outcome = outcome;
        Category = category;
    }

    public readonly LogEvent ToEvent(string line, DateTimeOffset receivedAt) => new(in this, line, receivedAt);
}

internal readonly record struct AuthFields(
    SourceKind Source, EventCategory Category, string? Action, EventOutcome Outcome, string? Reason, string? SourceIp, int? SourcePort, string? UserName);

using System.Diagnostics.CodeAnalysis;
using SiemActors.Domain.Parsing;

namespace SiemActors.Domain.Events;

/// <summary>The event a parser's draft becomes, built in one place so that it can skip what the line did not set.</summary>
public sealed partial record LogEvent
{
    public LogEvent()
    {
    }

    /// <summary>
    /// Only the references the line set are stored: each store into the new event is a write-barrier call, null or not,
    /// and a line sets about half of the sixteen (an object initializer stores them all).
    /// </summary>
    [SetsRequiredMembers]
    internal LogEvent(in EventDraft d, string line, DateTimeOffset receivedAt)
    {
        Timestamp = d.HasTimestamp ? d.TimestampValue : receivedAt;
        Source = d.Source;
        Category = d.Category;
        Outcome = d.Outcome;
        _sourcePort = d.SourcePortValue;
        _processPid = d.ProcessPidValue;
        _syslogPriority = d.SyslogPriorityValue;
        _httpStatus = d.HttpStatusValue;
        _httpBytes = d.HttpBytesValue;
        _present = d.Present;
        if (d.Action is { } action) Action = action;
        if (d.Reason is { } reason) Reason = reason;
        if (d.SourceIp is { } ip) SourceIp = ip;
        if (d.SourceCountry is { } country) SourceCountry = country;
        if (d.UserName is { } user) UserName = user;
        if (d.HostName is { } host) HostName = host;
        if (d.ProcessName is { } process) ProcessName = process;
        if (d.SyslogMsgId is { } msgId) SyslogMsgId = msgId;
        if (d.SyslogStructuredData is { } sd) SyslogStructuredData = sd;
        if (d.HttpMethod is { } method) HttpMethod = method;
        if (d.UrlOriginal is { } url) UrlOriginal = url;
        if (d.HttpVersion is { } version) HttpVersion = version;
        if (d.HttpReferrer is { } referrer) HttpReferrer = referrer;
        if (d.UserAgent is { } agent) UserAgent = agent;
        _original = line;
        if (d.Message is { } message) _message = message;
        else MessageInOriginal = (d.MessageStart, d.MessageLength);
    }
}

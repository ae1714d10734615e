using System.Text.Json;
using SiemActors.Domain.Events;
using F = SiemActors.Domain.Events.EcsFieldNames;

namespace SiemActors.Node.Http;

/// <summary>Writes an event as one flat JSON object keyed by ECS dotted field names; absent fields are left out.</summary>
public static class EventJson
{
    public static void Write(Utf8JsonWriter w, LogEvent ev)
    {
        w.WriteStartObject();
        w.WriteString(F.Timestamp, ev.Timestamp);
        w.WriteString(F.EventKind, "event");
        w.WriteString(F.EventCategory, ev.Category.ToEcs());
        Str(w, F.EventAction, ev.Action);
        if (ev.Outcome != EventOutcome.Unknown) w.WriteString(F.EventOutcome, ev.Outcome.ToEcs());
        Str(w, F.SourceIp, ev.SourceIp);
        Num(w, F.SourcePort, ev.SourcePort);
        Str(w, F.SourceCountry, ev.SourceCountry);
        Str(w, F.UserName, ev.UserName);
        Str(w, F.HostName, ev.HostName);
        Str(w, F.ProcessName, ev.ProcessName);
        Num(w, F.ProcessPid, ev.ProcessPid);
        Str(w, F.Message, ev.Message);
        Num(w, F.SyslogPriority, ev.SyslogPriority);
        Num(w, F.SyslogFacility, ev.SyslogFacility);
        Num(w, F.SyslogSeverity, ev.SyslogSeverity);
        if (ev.SyslogPriority is not null || ev.SyslogMsgId is not null) Str(w, F.SyslogAppName, ev.ProcessName);
        Str(w, F.SyslogMsgId, ev.SyslogMsgId);
        Str(w, F.SyslogStructuredData, ev.SyslogStructuredData);
        Str(w, F.HttpMethod, ev.HttpMethod);
        Str(w, F.UrlOriginal, ev.UrlOriginal);
        Str(w, F.HttpVersion, ev.HttpVersion);
        Num(w, F.HttpStatus, ev.HttpStatus);
        if (ev.HttpBytes is { } bytes) w.WriteNumber(F.HttpBytes, bytes);
        Str(w, F.HttpReferrer, ev.HttpReferrer);
        Str(w, F.UserAgent, ev.UserAgent);
        w.WriteString(F.SiemSource, ev.Source.ToName());
        w.WriteEndObject();
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void Num(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }
}

namespace SiemActors.Domain.Events;

/// <summary>The ECS field names of the public contract (DESIGN.md); one place so writers and readers agree.</summary>
public static class EcsFieldNames
{
    public const string Timestamp = "@timestamp";
    public const string EventKind = "event.kind";
    public const string EventCategory = "event.category";
    public const string EventAction = "event.action";
    public const string EventOutcome = "event.outcome";
    public const string EventReason = "event.reason";
    public const string SourceIp = "source.ip";
    public const string SourcePort = "source.port";
    public const string SourceCountry = "source.geo.country_iso_code";
    public const string UserName = "user.name";
    public const string HostName = "host.hostname";
    public const string ProcessName = "process.name";
    public const string ProcessPid = "process.pid";
    public const string Message = "message";
    public const string SyslogPriority = "log.syslog.priority";
    public const string SyslogFacility = "log.syslog.facility.code";
    public const string SyslogSeverity = "log.syslog.severity.code";
    public const string SyslogAppName = "log.syslog.appname";
    public const string SyslogMsgId = "log.syslog.msgid";
    public const string SyslogStructuredData = "log.syslog.structured_data";
    public const string HttpMethod = "http.request.method";
    public const string UrlOriginal = "url.original";
    public const string HttpVersion = "http.version";
    public const string HttpStatus = "http.response.status_code";
    public const string HttpBytes = "http.response.body.bytes";
    public const string HttpReferrer = "http.request.referrer";
    public const string UserAgent = "user_agent.original";
    public const string SiemSource = "siem.source";
}

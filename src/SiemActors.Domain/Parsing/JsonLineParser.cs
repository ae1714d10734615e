using System.Globalization;
using System.Text.Json;
using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// One JSON object per line: ECS-shaped nested objects ("source": {"ip": ...}), flat dotted names ("source.ip") and the
/// common flat names (ip, src_ip, user, username, msg, timestamp, status, ...), normalised into one event.
/// The first name that supplies a field wins, so ECS names beat the looser ones only when they come first.
/// </summary>
internal static class JsonLineParser
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false };

    public static bool TryParse(string line, DateTimeOffset receivedAt, ref EventDraft d, out string? error)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, Options);
        }
        catch (JsonException e)
        {
            error = e.BytePositionInLine is { } at ? $"invalid JSON at byte {at}" : "invalid JSON";
            return false;
        }
        catch (ArgumentException)
        {
            error = "invalid JSON";
            return false;
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = "JSON line is not an object";
                return false;
            }
            Span<char> path = stackalloc char[256];
            Walk(doc.RootElement, path, 0, receivedAt, ref d);
        }
        if (d.Action is null && (d.HttpStatus is not null || d.HttpMethod is not null))
        {
            d.Action = "http_request";
            if (d.Category == EventCategory.Unknown) d.Category = EventCategory.Web;
        }
        if (d.Outcome == EventOutcome.Unknown && d.HttpStatus is { } st && d.Category == EventCategory.Web)
        {
            d.Outcome = st >= 400 ? EventOutcome.Failure : EventOutcome.Success;
        }
        error = null;
        return true;
    }

    private static void Walk(JsonElement obj, scoped Span<char> path, int length, DateTimeOffset receivedAt, ref EventDraft d)
    {
        foreach (var p in obj.EnumerateObject())
        {
            var name = p.Name;
            var n = length;
            if (n > 0)
            {
                if (n + 1 + name.Length > path.Length) continue;
                path[n++] = '.';
            }
            else if (name.Length > path.Length)
            {
                continue;
            }
            name.AsSpan().CopyTo(path[n..]);
            n += name.Length;
            if (p.Value.ValueKind == JsonValueKind.Object)
            {
                Walk(p.Value, path, n, receivedAt, ref d);
            }
            else
            {
                Field(path[..n], p.Value, receivedAt, ref d);
            }
        }
    }

    private static void Field(scoped ReadOnlySpan<char> key, JsonElement v, DateTimeOffset receivedAt, ref EventDraft d)
    {
        Span<char> lower = stackalloc char[key.Length];
        key.ToLowerInvariant(lower);
        switch (lower)
        {
            case "@timestamp" or "timestamp" or "time" or "ts" or "datetime" or "date" or "event.created" or "time_local" or "time_iso8601":
                if (d.Timestamp is null && Time(v) is { } t) d.Timestamp = t;
                break;
            case "event.action" or "action" or "event_type" or "event.type":
                if (d.Action is null && v.ValueKind == JsonValueKind.String) d.Action = v.GetString();
                break;
            case "event.outcome" or "outcome" or "result":
                if (d.Outcome == EventOutcome.Unknown) d.Outcome = Outcome(Str(v));
                break;
            case "event.category" or "category":
                if (d.Category == EventCategory.Unknown) d.Category = Category(v);
                break;
            case "event.reason" or "reason":
                d.Reason ??= Str(v);
                break;
            case "source.ip" or "source.address" or "client.ip" or "client.address" or "src_ip" or "source_ip" or "client_ip" or "ip"
                or "remote_addr" or "remote_ip" or "clientip" or "src" or "srcip" or "sourceip" or "ip_address" or "rhost":
                if (d.SourceIp is null && Str(v) is { } ip) d.SourceIp = Scan.IpOrNull(ip);
                break;
            case "source.port" or "client.port" or "src_port" or "source_port" or "sport" or "srcport" or "remote_port":
                d.SourcePort ??= Int(v) is { } port and >= 0 and <= 65535 ? port : null;
                break;
            case "source.geo.country_iso_code" or "country_iso_code" or "country_code" or "country":
                d.SourceCountry ??= Str(v);
                break;
            case "user.name" or "user" or "username" or "user_name" or "usr" or "login" or "account" or "remote_user" or "user.id":
                d.UserName ??= Scan.DashNull(Str(v));
                break;
            case "host.hostname" or "host.name" or "hostname" or "host" or "observer.hostname":
                d.HostName ??= Str(v);
                break;
            case "process.name" or "program" or "appname" or "app" or "process" or "log.syslog.appname" or "service.name" or "service":
                d.ProcessName ??= Str(v);
                break;
            case "process.pid" or "pid":
                d.ProcessPid ??= Int(v);
                break;
            case "message" or "msg" or "log" or "event.original":
                d.Message ??= Str(v);
                break;
            case "log.syslog.priority" or "syslog_priority" or "pri":
                d.SyslogPriority ??= Int(v) is { } pri and >= 0 and <= 191 ? pri : null;
                break;
            case "log.syslog.msgid" or "msgid":
                d.SyslogMsgId ??= Str(v);
                break;
            case "log.syslog.structured_data" or "structured_data":
                d.SyslogStructuredData ??= v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
                break;
            case "http.request.method" or "method" or "http_method" or "request_method" or "verb":
                d.HttpMethod ??= Str(v);
                break;
            case "url.original" or "url.full" or "url" or "uri" or "path" or "request_uri" or "url.path":
                d.UrlOriginal ??= Str(v);
                break;
            case "request":
                if (d.UrlOriginal is null && Str(v) is { } req) AccessLogParser.Request(req, false, ref d);
                break;
            case "http.version" or "http_version" or "httpversion" or "protocol":
                d.HttpVersion ??= Str(v) is { } ver ? (ver.StartsWith("HTTP/", StringComparison.OrdinalIgnoreCase) ? ver[5..] : ver) : null;
                break;
            case "http.response.status_code" or "status" or "status_code" or "http_status" or "response" or "response_code":
                d.HttpStatus ??= Int(v) is { } st and >= 100 and <= 999 ? st : null;
                break;
            case "http.response.body.bytes" or "bytes" or "body_bytes_sent" or "size" or "response_size" or "bytes_sent":
                d.HttpBytes ??= Long(v);
                break;
            case "http.request.referrer" or "referrer" or "referer" or "http_referer" or "http_referrer":
                d.HttpReferrer ??= Scan.DashNull(Str(v));
                break;
            case "user_agent.original" or "user_agent" or "useragent" or "http_user_agent" or "agent":
                d.UserAgent ??= Scan.DashNull(Str(v));
                break;
        }
    }

    private static string? Str(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static int? Int(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
        if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out i)) return i;
        return null;
    }

    private static long? Long(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) && i >= 0) return i;
        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out i)) return i;
        return null;
    }

    private static DateTimeOffset? Time(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.String)
        {
            var s = v.GetString().AsSpan();
            if (Timestamps.TryRfc3339(s, strict: false, out var t, out var n) && n == s.Length) return t;
            if (Timestamps.TryCommonLog(s, out t)) return t;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out t)) return t;
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var x) && x > 0)
        {
            // Epoch seconds, milliseconds or microseconds, told apart by magnitude.
            var ms = x < 1e11 ? x * 1000 : x < 1e14 ? x : x / 1000;
            if (ms < 253402300799000) return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        }
        return null;
    }

    private static EventOutcome Outcome(string? s) => s?.ToLowerInvariant() switch
    {
        "success" or "succeeded" or "ok" or "accepted" or "allowed" or "allow" => EventOutcome.Success,
        "failure" or "failed" or "fail" or "denied" or "rejected" or "error" or "deny" => EventOutcome.Failure,
        _ => EventOutcome.Unknown,
    };

    private static EventCategory Category(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in v.EnumerateArray())
            {
                var c = Category(item);
                if (c != EventCategory.Unknown) return c;
            }
            return EventCategory.Unknown;
        }
        return Str(v)?.ToLowerInvariant() switch
        {
            "authentication" => EventCategory.Authentication,
            "session" => EventCategory.Session,
            "web" => EventCategory.Web,
            "iam" => EventCategory.Iam,
            "process" => EventCategory.Process,
            "network" => EventCategory.Network,
            _ => EventCategory.Unknown,
        };
    }
}

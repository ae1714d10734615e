using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// nginx error log ("2021/04/01 13:02:31 [error] 31#31: *1 message, client: IP, server: ..., request: "...") and Apache
/// error log ("[Wed Oct 11 14:32:52.123 2000] [core:error] [pid 1:tid 2] [client IP:port] message", and its older and
/// vrl-style time forms). Action <c>http_error</c>; local times without a zone take the receive time's offset.
/// </summary>
internal static class ErrorLogParser
{
    public static bool LooksLikeNginxError(ReadOnlySpan<char> s) =>
        s.Length > 20 && Scan.Digits(s, 0, 4) >= 0 && s[4] == '/' && s[7] == '/' && s[10] == ' ' && s[13] == ':';

    public static bool LooksLikeApacheError(ReadOnlySpan<char> s) => s.Length > 10 && s[0] == '[' && s.IndexOf(']') > 8;

    public static bool TryNginx(ReadOnlySpan<char> s, DateTimeOffset receivedAt, ref EventDraft d, out string? error)
    {
        error = "not an nginx error log line";
        if (!LooksLikeNginxError(s)) return false;
        int year = Scan.Digits(s, 0, 4), month = Scan.Digits(s, 5, 2), day = Scan.Digits(s, 8, 2);
        int hour = Scan.Digits(s, 11, 2), minute = Scan.Digits(s, 14, 2), second = Scan.Digits(s, 17, 2);
        if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || s[16] != ':'
            || !Timestamps.TryMake(year, month, day, hour, minute, second, 0, (int)receivedAt.Offset.TotalMinutes, out var ts))
        {
            error = "nginx error log: bad time";
            return false;
        }
        var i = 19;
        if (i + 2 >= s.Length || s[i] != ' ' || s[i + 1] != '[') return false;
        var close = s[i..].IndexOf(']');
        if (close < 0) return false;
        i += close + 1;
        var rest = Scan.TrimSpaces(s[i..]);
        var hash = rest.IndexOf('#');
        var colon = rest.IndexOf(": ");
        if (hash > 0 && colon > hash && Scan.TryInt(rest[..hash], out var pid))
        {
            d.ProcessPid = pid;
            rest = rest[(colon + 2)..];
        }
        if (rest.StartsWith("*", StringComparison.Ordinal))
        {
            var sp = rest.IndexOf(' ');
            rest = sp < 0 ? default : rest[(sp + 1)..];
        }
        var clientAt = rest.IndexOf(", client: ");
        var message = clientAt < 0 ? rest : rest[..clientAt];
        if (clientAt >= 0)
        {
            var kv = rest[(clientAt + 2)..];
            var client = KeyValue(kv, "client: ");
            d.SourceIp = Scan.IpOrNull(client);
            var request = KeyValue(kv, "request: ");
            if (request.Length >= 2 && request[0] == '"' && request[^1] == '"') AccessLogParser.Request(request[1..^1], false, ref d);
            var referrer = KeyValue(kv, "referrer: ");
            if (referrer.Length >= 2 && referrer[0] == '"' && referrer[^1] == '"') d.HttpReferrer = referrer[1..^1].ToString();
        }
        d.Timestamp = ts;
        d.Message = message.ToString();
        Finish(ref d);
        error = null;
        return true;
    }

    /// <summary>The value after "key" up to the next ", " (quoted values may contain commas).</summary>
    private static ReadOnlySpan<char> KeyValue(ReadOnlySpan<char> kv, string key)
    {
        var at = kv.IndexOf(key, StringComparison.Ordinal);
        if (at < 0) return default;
        var v = kv[(at + key.Length)..];
        if (v.Length > 0 && v[0] == '"')
        {
            var endQuote = v[1..].IndexOf("\", ");
            return endQuote < 0 ? v : v[..(endQuote + 2)];
        }
        var comma = v.IndexOf(", ");
        return comma < 0 ? v : v[..comma];
    }

    public static bool TryApache(ReadOnlySpan<char> s, DateTimeOffset receivedAt, ref EventDraft d, out string? error)
    {
        error = "not an Apache error log line";
        if (!LooksLikeApacheError(s)) return false;
        var close = s.IndexOf(']');
        if (!TryApacheTime(s[1..close], receivedAt, out var ts))
        {
            error = "Apache error log: bad time";
            return false;
        }
        var i = close + 1;
        while (i + 1 < s.Length && s[i] == ' ' && s[i + 1] == '[')
        {
            var end = s[(i + 2)..].IndexOf(']');
            if (end < 0) break;
            var block = s.Slice(i + 2, end);
            if (block.StartsWith("pid ", StringComparison.Ordinal))
            {
                var p = block[4..];
                var c = p.IndexOf(':');
                if (Scan.TryInt(c < 0 ? p : p[..c], out var pid)) d.ProcessPid = pid;
            }
            else if (block.StartsWith("client ", StringComparison.Ordinal) || block.StartsWith("remote ", StringComparison.Ordinal))
            {
                Client(block[7..], ref d);
            }
            i += end + 3;
        }
        d.Timestamp = ts;
        d.Message = ApacheMessage(Scan.TrimSpaces(s[Math.Min(i, s.Length)..]), ref d).ToString();
        Finish(ref d);
        error = null;
        return true;
    }

    /// <summary>
    /// Apache 2.4 puts "(70008)proxy text: ", "[client IP:port] " and an error code ("AH01071: ") before the text;
    /// the client goes to the source fields, the prefixes are dropped as logstash's HTTPD24_ERRORLOG does.
    /// </summary>
    private static ReadOnlySpan<char> ApacheMessage(ReadOnlySpan<char> m, ref EventDraft d)
    {
        if (m.Length > 2 && m[0] == '(' && Scan.IsDigit(m[1]))
        {
            var client = m.IndexOf(": [client ");
            if (client > 0) m = m[(client + 2)..];
        }
        if (m.StartsWith("[client ", StringComparison.Ordinal) && m.IndexOf(']') is var close and > 8)
        {
            if (d.SourceIp is null) Client(m[8..close], ref d);
            m = Scan.TrimSpaces(m[(close + 1)..]);
        }
        var colon = m.IndexOf(": ");
        if (colon > 2 && colon < 40 && m[..colon].IndexOf(' ') < 0
            && ((m[0] == 'A' && m[1] == 'H' && Scan.IsDigit(m[2])) || m[colon - 1] == ')'))
        {
            m = m[(colon + 2)..];
            if (m.StartsWith("[client ", StringComparison.Ordinal)) return ApacheMessage(m, ref d);
        }
        return m;
    }

    private static void Client(ReadOnlySpan<char> c, ref EventDraft d)
    {
        if (Scan.IsIp(c))
        {
            d.SourceIp = Scan.IpString(c);
            return;
        }
        var colon = c.LastIndexOf(':');
        if (colon > 0 && Scan.IsIp(c[..colon]) && Scan.TryInt(c[(colon + 1)..], out var port) && port <= 65535)
        {
            d.SourceIp = Scan.IpString(c[..colon]);
            d.SourcePort = port;
        }
    }

    /// <summary>"Wed Oct 11 14:32:52[.ffffff] 2000", "01/Mar/2021:12:00:19 +0000", or "2021-06-04 15:40:27.138633".</summary>
    private static bool TryApacheTime(ReadOnlySpan<char> t, DateTimeOffset receivedAt, out DateTimeOffset value)
    {
        if (Timestamps.TryCommonLog(t, out value)) return true;
        var offset = receivedAt.Offset;
        if (t.Length >= 19 && Scan.Digits(t, 0, 4) >= 0 && t[4] == '-')
        {
            if (!Timestamps.TryRfc3339(t, strict: false, out value, out var n) || n != t.Length) return false;
            value = new DateTimeOffset(value.DateTime, offset);
            return true;
        }
        // ctime: "Www Mmm dd hh:mm:ss[.frac] yyyy"
        if (t.Length < 24 || t[3] != ' ') return false;
        var rest = t[4..];
        var yearAt = rest.LastIndexOf(' ');
        if (yearAt < 0 || !Scan.TryInt(rest[(yearAt + 1)..], out var year)) return false;
        if (!Timestamps.TryRfc3164(rest[..yearAt], receivedAt, out var noYear, out var consumed) || consumed != yearAt) return false;
        return Timestamps.TryMake(year, noYear.Month, noYear.Day, noYear.Hour, noYear.Minute, noYear.Second,
            noYear.Ticks % TimeSpan.TicksPerSecond, (int)offset.TotalMinutes, out value);
    }

    private static void Finish(ref EventDraft d)
    {
        d.Action = "http_error";
        d.Category = EventCategory.Web;
        d.Outcome = EventOutcome.Failure;
    }
}

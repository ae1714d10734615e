using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// NCSA access logs as nginx and Apache write them: common, combined (nginx "main" with trailing extra fields too) and
/// vhost-combined. <c>-</c> fields become null; a request line that is not "METHOD URL HTTP/x" is kept whole in
/// <see cref="LogEvent.UrlOriginal"/> (such lines are often attacks), never rejected.
/// </summary>
internal static class AccessLogParser
{
    /// <summary>Cheap test: a few tokens, then " [" and a quote.</summary>
    public static bool LooksLikeAccess(ReadOnlySpan<char> s)
    {
        var window = s.Length > 400 ? s[..400] : s;
        var open = window.IndexOf(" [");
        return open > 0 && window[..open].Count(' ') is >= 2 and <= 3 && window[open..].Contains('"');
    }

    public static bool TryParse(ReadOnlySpan<char> s, ref EventDraft d, out string? error)
    {
        error = "not an access log line";
        if (!TryHead(s, out var open, out var client, out var user)) return false;

        var i = open + 2;
        var close = s[i..].IndexOf(']');
        if (close < 0) return Fail("access log: unterminated [time]", out error);
        var time = s.Slice(i, close);
        if (!Timestamps.TryCommonLog(time, out var ts)
            && !(Timestamps.TryRfc3339(time, strict: false, out ts, out var isoLength) && isoLength == time.Length))
        {
            return Fail("access log: bad [time]", out error);
        }
        i += close + 1;

        // The position is passed and returned by value (-1: the field is not there), never by ref: a local whose address
        // is taken lives in memory, and every char of the scan loops below then went through a load and a store.
        if ((i = SkipSpace(s, i)) < 0) return Fail("access log: truncated after time", out error);
        if ((i = ReadField(s, i, out var request, out var requestEscaped)) < 0) return Fail("access log: bad request field", out error);
        if ((i = SkipSpace(s, i)) < 0) return Fail("access log: missing status", out error);
        var end = TokenEnd(s, i);
        var status = s[i..end];
        i = end;
        int? statusValue = null;
        if (status is not "-")
        {
            if (status.Length != 3 || !Scan.TryInt(status, out var st)) return Fail("access log: bad status", out error);
            statusValue = st;
        }
        long? bytesValue = null;
        if ((i = SkipSpace(s, i)) >= 0)
        {
            end = TokenEnd(s, i);
            var bytes = s[i..end];
            i = end;
            if (bytes is not "-")
            {
                if (!Scan.TryLong(bytes, out var b)) return Fail("access log: bad byte count", out error);
                bytesValue = b;
            }
            if ((i = SkipSpace(s, i)) >= 0 && (i = ReadField(s, i, out var referrer, out var refEscaped)) >= 0)
            {
                d.HttpReferrer = Text(referrer, refEscaped);
                if ((i = SkipSpace(s, i)) >= 0 && ReadField(s, i, out var agent, out var agentEscaped) >= 0) d.UserAgent = Text(agent, agentEscaped, shared: true);
            }
        }

        d.Timestamp = ts;
        // Nearly every client is plain IPv4: SmallStrings.IPv4 remembers the last one; the rest take the general path.
        d.SourceIp = SmallStrings.IPv4(client) ?? Scan.IpOrNull(client);
        d.UserName = Scan.DashNull(user);
        d.HttpStatus = statusValue;
        d.HttpBytes = bytesValue;
        Request(request, requestEscaped, ref d);
        d.Action = "http_request";
        d.Category = EventCategory.Web;
        d.Outcome = statusValue is null ? EventOutcome.Unknown : statusValue >= 400 ? EventOutcome.Failure : EventOutcome.Success;
        error = null;
        return true;
    }

    /// <summary>
    /// "client ident user [" or vhost-combined "vhost:port client ident user [": two or three spaces before the first
    /// " [". One pass that stops at a fourth space, instead of a search, a count and two more searches over the head.
    /// </summary>
    private static bool TryHead(ReadOnlySpan<char> s, out int open, out ReadOnlySpan<char> client, out ReadOnlySpan<char> user)
    {
        client = user = default;
        int spaces = 0, first = -1, second = -1, last = -1;
        for (open = 0; open < s.Length - 1 && open <= 1024; open++)
        {
            if (s[open] != ' ') continue;
            if (s[open + 1] == '[') break;
            if (++spaces > 3) return false;
            if (spaces == 1) first = open;
            else if (spaces == 2) second = open;
            last = open;
        }
        if (open == 0 || open >= s.Length - 1 || open > 1024 || spaces < 2) return false;
        client = spaces == 3 ? s[(first + 1)..second] : s[..first];
        user = s[(last + 1)..open];
        return true;
    }

    /// <summary>"METHOD URL HTTP/x.y" into its parts; anything else whole into the URL.</summary>
    public static void Request(scoped ReadOnlySpan<char> r, bool escaped, ref EventDraft d)
    {
        if (r.IsEmpty || r is "-") return;
        var sp = MethodEnd(r);
        if (sp > 0)
        {
            var rest = r[(sp + 1)..];
            var last = LastSpace(rest);
            if (last > 0 && rest[(last + 1)..].StartsWith("HTTP/", StringComparison.Ordinal))
            {
                d.HttpMethod = Scan.Intern(r[..sp]);
                d.UrlOriginal = Text(rest[..last], escaped);
                d.HttpVersion = Version(rest[(last + 6)..]);
                return;
            }
            if (!rest.IsEmpty && rest.IndexOf(' ') < 0)
            {
                d.HttpMethod = Scan.Intern(r[..sp]);
                d.UrlOriginal = Text(rest, escaped);
                return;
            }
        }
        d.UrlOriginal = Text(r, escaped);
    }

    /// <summary>
    /// Where the method ends: the position of the first space when everything before it is a method (1-24 of A-Z, '-',
    /// '_'), else -1. One pass over the few chars of the method, instead of a search for the space and a check after it.
    /// </summary>
    private static int MethodEnd(ReadOnlySpan<char> r)
    {
        var n = Math.Min(r.Length, 25);
        for (var k = 0; k < n; k++)
        {
            var c = r[k];
            if (c == ' ') return k > 0 ? k : -1;
            if (!(char.IsAsciiLetterUpper(c) || c is '-' or '_')) return -1;
        }
        return -1;
    }

    /// <summary>The last space; " HTTP/1.1" and " HTTP/1.0" at the end are recognised without a search.</summary>
    private static int LastSpace(ReadOnlySpan<char> rest) =>
        rest.Length > 9 && rest[^9] == ' ' && rest[^8..] is "HTTP/1.1" or "HTTP/1.0" ? rest.Length - 9 : rest.LastIndexOf(' ');

    private static string Version(ReadOnlySpan<char> v) => v switch
    {
        "1.1" => "1.1",
        "1.0" => "1.0",
        "2.0" => "2.0",
        "2" => "2",
        "3" => "3",
        _ => v.ToString(),
    };

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    /// <summary>Past the spaces at <paramref name="i"/> to the next field; -1 when no space is there or nothing follows.</summary>
    private static int SkipSpace(ReadOnlySpan<char> s, int i)
    {
        if (i >= s.Length || s[i] != ' ') return -1;
        while (i < s.Length && s[i] == ' ') i++;
        return i < s.Length ? i : -1;
    }

    /// <summary>Where the token at <paramref name="i"/> ends: the next space, or the end.</summary>
    private static int TokenEnd(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && s[i] != ' ') i++;
        return i;
    }

    /// <summary>
    /// A quoted field (backslash escapes skipped; the closing quote is one followed by a space or the end) or a bare "-";
    /// returns the position after it, or -1.
    /// </summary>
    private static int ReadField(ReadOnlySpan<char> s, int i, out ReadOnlySpan<char> value, out bool escaped)
    {
        escaped = false;
        value = default;
        if (s[i] != '"')
        {
            var end = TokenEnd(s, i);
            var t = s[i..end];
            if (t is not "-") return -1;
            value = t;
            return end;
        }
        // A bare "-" (the usual referrer) needs no search.
        if (i + 2 < s.Length && s[i + 1] == '-' && s[i + 2] == '"' && (i + 3 == s.Length || s[i + 3] == ' '))
        {
            value = s.Slice(i + 1, 1);
            return i + 3;
        }
        var j = i + 1;
        // Jump between quotes and backslashes: user agents and URLs are long and contain neither most of the time.
        while (s[j..].IndexOfAny('"', '\\') is var k and >= 0)
        {
            j += k;
            if (s[j] == '\\')
            {
                if (j + 1 == s.Length) return -1;
                escaped = true;
                j += 2;
                continue;
            }
            if (j + 1 == s.Length || s[j + 1] == ' ')
            {
                value = s[(i + 1)..j];
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    /// <summary>
    /// The field as a string, with Apache's \" and \\ unescaped; "-" is null. Other escapes (\xHH) stay as logged.
    /// <paramref name="shared"/> (user agents) goes through <see cref="SmallStrings.Text"/>: a few dozen agents make up
    /// most of any access log. URLs and referrers do not: over 4096 varied lines, looking them up cost ~20 ns a field
    /// more than allocating them (ParserCorpusBenchmarks, docs/PARSERS.md).
    /// </summary>
    private static string? Text(ReadOnlySpan<char> v, bool escaped, bool shared = false)
    {
        if (v.IsEmpty || v is "-") return null;
        if (!escaped || (v.IndexOf("\\\"") < 0 && v.IndexOf("\\\\") < 0)) return shared ? SmallStrings.Text(v) : v.ToString();
        Span<char> buffer = v.Length <= 512 ? stackalloc char[v.Length] : new char[v.Length];
        var n = 0;
        for (var k = 0; k < v.Length; k++)
        {
            if (v[k] == '\\' && k + 1 < v.Length && v[k + 1] is '"' or '\\') k++;
            buffer[n++] = v[k];
        }
        return shared ? SmallStrings.Text(buffer[..n]) : buffer[..n].ToString();
    }
}

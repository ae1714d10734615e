namespace SiemActors.Domain.Parsing;

/// <summary>
/// RFC 5424 after the PRI, as strictly as go-syslog: VERSION, TIMESTAMP (RFC 3339, at most 6 fraction digits), HOSTNAME,
/// APP-NAME, PROCID, MSGID (printable US-ASCII with their length limits, or '-'), STRUCTURED-DATA (kept as written), MSG.
/// One deliberate leniency: spaces around '=' in SD parameters are accepted (vrl accepts them too).
/// </summary>
internal static class Rfc5424
{
    public static bool TryRead(string line, int i, ref EventDraft d, out SyslogHeader header, out string? error)
    {
        header = default;
        var s = line.AsSpan();
        var v = 0;
        var vStart = i;
        while (i < s.Length && Scan.IsDigit(s[i])) v = v * 10 + (s[i++] - '0');
        if (i - vStart > 3 || v == 0 || s[vStart] == '0') return Fail("RFC 5424: version must be 1..999", out error);
        if (!Space(s, ref i)) return Fail("RFC 5424: truncated after version", out error);

        if (s[i] == '-' && (i + 1 == s.Length || s[i + 1] == ' '))
        {
            i++;
        }
        else if (Timestamps.TryRfc3339(s[i..], strict: true, out var ts, out var consumed))
        {
            d.Timestamp = ts;
            i += consumed;
        }
        else
        {
            return Fail("RFC 5424: bad timestamp", out error);
        }

        if (!Space(s, ref i) || !Field(s, ref i, 255, out var host)) return Fail("RFC 5424: bad hostname", out error);
        if (!Space(s, ref i)) return Fail("RFC 5424: bad app-name", out error);
        var appStart = i;
        if (!Field(s, ref i, 48, out var app)) return Fail("RFC 5424: bad app-name", out error);
        if (!Space(s, ref i) || !Field(s, ref i, 128, out var procId)) return Fail("RFC 5424: bad procid", out error);
        if (!Space(s, ref i) || !Field(s, ref i, 32, out var msgId)) return Fail("RFC 5424: bad msgid", out error);
        if (!Space(s, ref i)) return Fail("RFC 5424: missing structured data", out error);

        var sdStart = i;
        if (s[i] == '-')
        {
            i++;
        }
        else if (!StructuredData(s, ref i, out error))
        {
            return false;
        }
        var sd = s[sdStart..i];

        var msgStart = s.Length;
        if (i < s.Length)
        {
            if (s[i] != ' ') return Fail("RFC 5424: structured data not followed by a space", out error);
            msgStart = i + 1;
            if (msgStart < s.Length && s[msgStart] == '\uFEFF')
            {
                msgStart++;
                // A BOM promises UTF-8; replacement characters mean the bytes were not.
                if (s[msgStart..].Contains('\uFFFD')) return Fail("RFC 5424: invalid UTF-8 after BOM", out error);
            }
        }

        if (!host.IsEmpty) d.HostName = SmallStrings.Get(host);
        if (!app.IsEmpty) d.ProcessName = Scan.Intern(app);
        if (!procId.IsEmpty && Scan.TryInt(procId, out var pid)) d.ProcessPid = pid;
        if (!msgId.IsEmpty) d.SyslogMsgId = msgId.ToString();
        if (sd is not "-") d.SyslogStructuredData = sd.ToString();
        header = new SyslogHeader(appStart, app.Length, msgStart, s.Length - msgStart);
        error = null;
        return true;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static bool Space(ReadOnlySpan<char> s, ref int i)
    {
        if (i >= s.Length || s[i] != ' ' || i + 1 >= s.Length) return false;
        i++;
        return true;
    }

    /// <summary>1..max printable US-ASCII characters up to a space or the end; '-' alone is nil (empty).</summary>
    private static bool Field(ReadOnlySpan<char> s, ref int i, int max, out ReadOnlySpan<char> value)
    {
        var start = i;
        while (i < s.Length && s[i] is > ' ' and <= '~') i++;
        value = s[start..i];
        if (value.IsEmpty || value.Length > max || (i < s.Length && s[i] != ' ')) return false;
        if (value is "-") value = default;
        return true;
    }

    private static bool StructuredData(ReadOnlySpan<char> s, ref int i, out string? error)
    {
        Span<Range> ids = stackalloc Range[16];
        var count = 0;
        if (i >= s.Length || s[i] != '[') return Fail("RFC 5424: structured data must be '-' or [id ...]", out error);
        while (i < s.Length && s[i] == '[')
        {
            i++;
            var idStart = i;
            if (!SdName(s, ref i)) return Fail("RFC 5424: bad structured data id", out error);
            var id = s[idStart..i];
            for (var k = 0; k < count; k++)
            {
                if (s[ids[k]].SequenceEqual(id)) return Fail("RFC 5424: duplicate structured data id", out error);
            }
            if (count < ids.Length) ids[count++] = idStart..i;
            while (i < s.Length && s[i] == ' ')
            {
                i++;
                if (!SdName(s, ref i)) return Fail("RFC 5424: bad structured data parameter name", out error);
                while (i < s.Length && s[i] == ' ') i++;
                if (i >= s.Length || s[i] != '=') return Fail("RFC 5424: structured data parameter without '='", out error);
                i++;
                while (i < s.Length && s[i] == ' ') i++;
                if (i < s.Length && s[i] != '"')
                {
                    // Leniency: unquoted values ([meta sequenceId=10]) as some senders write them; logstash accepts them.
                    var v = i;
                    while (i < s.Length && s[i] is not (' ' or ']' or '"')) i++;
                    if (i == v) return Fail("RFC 5424: empty unquoted structured data value", out error);
                    continue;
                }
                if (i >= s.Length) return Fail("RFC 5424: structured data value must be quoted", out error);
                i++;
                if (!SdValue(s, ref i, out error)) return false;
            }
            if (i >= s.Length || s[i] != ']') return Fail("RFC 5424: unterminated structured data element", out error);
            i++;
        }
        error = null;
        return true;
    }

    private static bool SdName(ReadOnlySpan<char> s, ref int i)
    {
        var start = i;
        while (i < s.Length && s[i] is > ' ' and <= '~' and not ('=' or ']' or '"')) i++;
        return i > start && i - start <= 32;
    }

    /// <summary>Up to the closing quote; '"', '\' and ']' must be escaped with '\'.</summary>
    private static bool SdValue(ReadOnlySpan<char> s, ref int i, out string? error)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                i++;
                error = null;
                return true;
            }
            if (c == ']') return Fail("RFC 5424: unescaped ']' in structured data value", out error);
            if (c == '\\')
            {
                if (i + 1 >= s.Length || s[i + 1] is not ('"' or '\\' or ']')) return Fail("RFC 5424: bad escape in structured data value", out error);
                i++;
            }
            i++;
        }
        return Fail("RFC 5424: unterminated structured data value", out error);
    }
}

using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// Reads the syslog header of a line: RFC 5424 (strict, as go-syslog) or RFC 3164 with or without PRI, with or without a
/// host, <c>tag[pid]:</c>, and ISO timestamps as rsyslog writes them. The payload is handed on by <see cref="Payloads"/>.
/// </summary>
internal static class SyslogParser
{
    public static bool LooksLikeSyslog(ReadOnlySpan<char> s) =>
        s.Length > 0 && (s[0] == '<' || (Scan.Month(s) != 0 && s.Length > 3 && s[3] == ' ') || IsIsoDate(s));

    private static bool IsIsoDate(ReadOnlySpan<char> s) =>
        s.Length > 19 && Scan.Digits(s, 0, 4) >= 0 && s[4] == '-' && s[7] == '-' && s[10] is 'T' or 't' or ' ' && s[13] == ':';

    public static bool TryRead(string line, DateTimeOffset receivedAt, ref EventDraft d, out SyslogHeader header, out string? error)
    {
        header = default;
        var s = line.AsSpan();
        var i = 0;
        if (s.Length > 0 && s[0] == '<')
        {
            if (!TryPriority(s, out var pri, out i, out error)) return false;
            d.SyslogPriority = pri;
            if (IsVersion(s, i)) return Rfc5424.TryRead(line, i, ref d, out header, out error);
        }
        return TryRfc3164(line, i, receivedAt, ref d, out header, out error);
    }

    /// <summary><c>&lt;PRI&gt;</c>: 1..3 digits without leading zeros, 0..191.</summary>
    private static bool TryPriority(ReadOnlySpan<char> s, out int pri, out int next, out string? error)
    {
        pri = 0;
        next = 0;
        var i = 1;
        while (i < s.Length && i < 5 && Scan.IsDigit(s[i])) pri = pri * 10 + (s[i++] - '0');
        var digits = i - 1;
        if (digits == 0 || i >= s.Length || s[i] != '>' || pri > 191 || (digits > 1 && s[1] == '0'))
        {
            error = "not a syslog line: priority must be <0>..<191>";
            return false;
        }
        next = i + 1;
        error = null;
        return true;
    }

    /// <summary>An RFC 5424 VERSION: digits right after the PRI, then a space or the end.</summary>
    private static bool IsVersion(ReadOnlySpan<char> s, int i)
    {
        var j = i;
        while (j < s.Length && Scan.IsDigit(s[j])) j++;
        return j > i && j - i <= 4 && (j == s.Length || s[j] == ' ');
    }

    private static bool TryRfc3164(string line, int i, DateTimeOffset receivedAt, ref EventDraft d, out SyslogHeader header, out string? error)
    {
        header = default;
        var s = line.AsSpan();
        DateTimeOffset ts;
        int consumed;
        var rest = s[i..];
        if (!(Timestamps.TryRfc3164(rest, receivedAt, out ts, out consumed)
              || (IsIsoDate(rest) && Timestamps.TryRfc3339(rest, strict: false, out ts, out consumed))))
        {
            error = rest.IsEmpty ? "not a syslog line: empty after priority" : "not a syslog line: missing timestamp";
            return false;
        }
        d.Timestamp = ts;
        i += consumed;
        if (i < s.Length && s[i] != ' ')
        {
            error = "not a syslog line: timestamp not followed by a space";
            return false;
        }
        while (i < s.Length && s[i] == ' ') i++;

        // HOSTNAME, unless the first token is already the tag ("haproxy[73411]:" or "sshd:").
        var tokenEnd = s[i..].IndexOf(' ') is var sp and >= 0 ? i + sp : s.Length;
        var token = s[i..tokenEnd];
        if (!token.IsEmpty && token.IndexOf('[') < 0 && token[^1] != ':')
        {
            d.HostName = SmallStrings.Get(token);
            i = tokenEnd;
            while (i < s.Length && s[i] == ' ') i++;
        }
        ReadTag(s, ref i, ref d, out var appStart, out var appLength);
        var a = i;
        while (a < s.Length && Scan.IsBlank(s[a])) a++;
        var b = s.Length;
        while (b > a && Scan.IsBlank(s[b - 1])) b--;
        header = new SyslogHeader(appStart, appLength, a, b - a);
        error = null;
        return true;
    }

    private static bool IsBareWord(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
        {
            if (!IsTagWordChar(c)) return false;
        }
        return true;
    }

    /// <summary>What a bare program name ("apache_error") is made of.</summary>
    private static bool IsTagWordChar(char c) =>
        Scan.IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c is '_' or '-' or '.' or '/';

    /// <summary>
    /// TAG[PID]: ends at ':' or '['. A tag with spaces ("syslogd 1.4.1:", "-- root[2421]:") is accepted when short;
    /// otherwise the line has no tag and the message starts at <paramref name="i"/>.
    /// </summary>
    private static void ReadTag(ReadOnlySpan<char> s, ref int i, ref EventDraft d, out int appStart, out int appLength)
    {
        appStart = i;
        appLength = 0;
        var j = i;
        var spaces = 0;
        // ':' ends the tag only before a space or the end, so "ansible-<stdin>" and odd tags with ':' inside survive.
        while (j < s.Length && !(s[j] == ':' && (j + 1 == s.Length || s[j + 1] == ' ')) && s[j] != '[' && j - i <= 128)
        {
            if (s[j] == ' ')
            {
                // "apache_error [Tue Jun 08 ...] ..." (vrl): a bare word before bracketed data is the program. Only the
                // first space can end such a word; the scan so far has seen only word characters if it is one.
                if (spaces == 0 && j > i && j - i <= 48 && j + 2 < s.Length && s[j + 1] == '[' && !Scan.IsDigit(s[j + 2])
                    && IsBareWord(s[i..j]))
                {
                    appLength = j - i;
                    d.ProcessName = Scan.Intern(s[i..j]);
                    i = j + 1;
                    return;
                }
                spaces++;
                if (spaces > 2 || j + 1 >= s.Length || s[j + 1] == ' ' && j > i) return;
            }
            else if (char.IsControl(s[j]))
            {
                return;
            }
            j++;
        }
        if (j >= s.Length || j == i || j - i > 128 || s[j - 1] == ' ') return;
        var end = j;
        if (s[j] == '[')
        {
            var close = s[j..].IndexOf(']');
            if (close < 0) return;
            var pid = s.Slice(j + 1, close - 1);
            j += close + 1;
            if (j < s.Length && s[j] == ':') j++;
            else if (j < s.Length && s[j] != ' ') return;
            if (Scan.TryInt(pid, out var p)) d.ProcessPid = p;
        }
        else
        {
            j++; // ':'
            if (j < s.Length && s[j] != ' ') return; // "a:b" is message text, not a tag
        }
        if (spaces > 0 && (s[i] == ' ' || !char.IsAsciiLetterOrDigit(s[end - 1]))) return;
        appStart = i;
        appLength = end - i;
        d.ProcessName = Scan.Intern(s.Slice(i, end - i));
        i = j;
    }
}

using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// OpenSSH server messages (the MSG part of an sshd syslog line, or the message alone). Addresses and users are read
/// from the right, so a user name that itself contains " from 1.2.3.4" cannot plant a source address. Writes only the
/// fields in <see cref="AuthFields"/> (so does <see cref="PamMessages"/>): a failed parse is undone from that snapshot.
/// </summary>
internal static class SshdParser
{
    public const string Unrecognised = "unrecognised sshd message";

    /// <summary>sshd, sshd-session, sshd-auth, sshd(pam_unix).</summary>
    public static bool IsSshdProgram(ReadOnlySpan<char> app) =>
        app.StartsWith("sshd", StringComparison.Ordinal) && (app.Length == 4 || app[4] is '-' or '(');

    public static bool TryParse(ReadOnlySpan<char> msg, ref EventDraft d)
    {
        var m = Scan.TrimSpaces(msg);
        if (m.EndsWith(" [preauth]", StringComparison.Ordinal)) m = m[..^10];
        else if (m.EndsWith(" [net]", StringComparison.Ordinal)) m = m[..^6];
        if (m.StartsWith("error: ", StringComparison.Ordinal) || m.StartsWith("fatal: ", StringComparison.Ordinal)) m = m[7..];
        if (m.StartsWith("message repeated ", StringComparison.Ordinal))
        {
            var open = m.IndexOf(": [ ");
            if (open < 0 || m[^1] != ']') return false;
            m = Scan.TrimSpaces(m[(open + 4)..^1]);
        }
        if (m.IsEmpty) return false;

        switch (m[0])
        {
            case 'F':
                if (m.StartsWith("Failed ", StringComparison.Ordinal)) return Login(m[7..], EventOutcome.Failure, ref d);
                return false;
            case 'A':
                if (m.StartsWith("Accepted ", StringComparison.Ordinal)) return Login(m[9..], EventOutcome.Success, ref d);
                if (m.StartsWith("Address ", StringComparison.Ordinal)) return ReverseMapping(m[8..], ' ', ref d);
                return false;
            case 'I':
            case 'i':
                if (m.StartsWith("Invalid user ", StringComparison.OrdinalIgnoreCase)) return InvalidUser(m[13..], ref d);
                if (m.StartsWith("input_userauth_request: invalid user ", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_invalid_user", EventOutcome.Failure);
                    d.UserName = NonEmpty(m[37..]);
                    return true;
                }
                return false;
            case 'R':
            case 'r':
                if (m.StartsWith("ROOT LOGIN REFUSED FROM ", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_root_login_refused", EventOutcome.Failure);
                    d.UserName = "root";
                    return Peer(m[24..], ref d, out _);
                }
                if (m.StartsWith("Received disconnect from ", StringComparison.Ordinal)) return ReceivedDisconnect(m[25..], ref d);
                if (m.StartsWith("reverse mapping checking getaddrinfo for ", StringComparison.Ordinal)) return ReverseMapping(m[41..], '[', ref d);
                return false;
            case 'D':
                if (m.StartsWith("Disconnected from ", StringComparison.Ordinal)) return Disconnect(m[18..], ref d);
                if (m.StartsWith("Disconnecting: Too many authentication failures", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_max_auth_exceeded", EventOutcome.Failure);
                    var rest = m[47..];
                    if (rest.StartsWith(" for ", StringComparison.Ordinal)) d.UserName = NonEmpty(rest[5..]);
                    return true;
                }
                if (m.StartsWith("Disconnecting ", StringComparison.Ordinal))
                {
                    var tooMany = m.Contains("Too many authentication failures", StringComparison.Ordinal);
                    d.SetAuth(tooMany ? "ssh_max_auth_exceeded" : "ssh_disconnect", tooMany ? EventOutcome.Failure : EventOutcome.Unknown,
                        tooMany ? EventCategory.Authentication : EventCategory.Session);
                    return Peer(m[14..], ref d, out _) || true;
                }
                if (m.StartsWith("Did not receive identification string from ", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_no_identification", EventOutcome.Failure, EventCategory.Network);
                    return Peer(m[43..], ref d, out _);
                }
                return false;
            case 'C':
                if (m.StartsWith("Connection closed by ", StringComparison.Ordinal) || m.StartsWith("Connection reset by ", StringComparison.Ordinal))
                {
                    return Disconnect(m[(m[11] == 'c' ? 21 : 20)..], ref d);
                }
                if (m.StartsWith("Connection from ", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_connection", EventOutcome.Unknown, EventCategory.Network);
                    var on = m.LastIndexOf(" on ");
                    return Peer(on > 0 ? m[16..on] : m[16..], ref d, out _);
                }
                return false;
            case 'm':
                if (m.StartsWith("maximum authentication attempts exceeded for ", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_max_auth_exceeded", EventOutcome.Failure);
                    return ForUserFromIp(m[45..], ref d, out _);
                }
                return false;
            case 'P':
            case 'p':
            case 'a':
            case 'c':
            case 's':
                return Pam(m, ref d);
            case 'U':
                if (m.StartsWith("User ", StringComparison.Ordinal) && m.Contains(" not allowed because ", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_login", EventOutcome.Failure);
                    d.Reason = "not_allowed";
                    var cut = m.IndexOf(" not allowed because ");
                    return ForUserFromIp(m[5..cut], ref d, out _);
                }
                if (m.StartsWith("Unable to negotiate with ", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_negotiation_failed", EventOutcome.Failure, EventCategory.Network);
                    return Peer(m[25..], ref d, out _);
                }
                return false;
            case 'B':
                if (m.StartsWith("Bad protocol version identification ", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_bad_protocol", EventOutcome.Failure, EventCategory.Network);
                    var from = m.LastIndexOf(" from ");
                    return from > 0 && Peer(m[(from + 6)..], ref d, out _);
                }
                return false;
            case 'T':
                if (m.StartsWith("Timeout before authentication for ", StringComparison.Ordinal))
                {
                    d.SetAuth("ssh_auth_timeout", EventOutcome.Failure, EventCategory.Network);
                    return Peer(m[34..], ref d, out _);
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>"METHOD for [invalid user ]USER from IP[ port N][ ssh2][: key info]".</summary>
    private static bool Login(ReadOnlySpan<char> m, EventOutcome outcome, ref EventDraft d)
    {
        // The method is one word, so " for " must follow the first space: one search for a char instead of a search for
        // " for " and a second one for a space before it.
        var forAt = m.IndexOf(' ');
        if (forAt <= 0 || forAt > 40 || !m[forAt..].StartsWith(" for ", StringComparison.Ordinal)) return false;
        d.SetAuth("ssh_login", outcome);
        d.Reason = Method(m[..forAt]);
        if (!ForUserFromIp(m[(forAt + 5)..], ref d, out var invalid)) return false;
        if (invalid) d.Reason = "invalid_user";
        return true;
    }

    private static string Method(ReadOnlySpan<char> s) => s switch
    {
        "password" => "password",
        "publickey" => "publickey",
        "keyboard-interactive/pam" => "keyboard-interactive/pam",
        "none" => "none",
        "hostbased" => "hostbased",
        "gssapi-with-mic" => "gssapi-with-mic",
        _ => s.ToString(),
    };

    /// <summary>"[invalid user ]USER from IP[ port N][ sshN][: ...]", the address taken from the right.</summary>
    private static bool ForUserFromIp(ReadOnlySpan<char> s, ref EventDraft d, out bool invalid)
    {
        invalid = false;
        var end = s.Length;
        while (true)
        {
            var from = LastFrom(s[..end]);
            if (from < 0) return false;
            var tail = s[(from + 6)..];
            if (TryAddressTail(tail, ref d))
            {
                var user = s[..from];
                if (user.StartsWith("invalid user ", StringComparison.Ordinal))
                {
                    invalid = true;
                    user = user[13..];
                }
                else if (user is "invalid user")
                {
                    invalid = true;
                    user = default;
                }
                d.UserName = NonEmpty(user);
                return true;
            }
            end = from;
        }
    }

    /// <summary>
    /// Where the last " from " starts, or -1. Found from its 'f': a search for " from " itself is anchored on its first and
    /// last chars, both spaces, and so stops to compare at nearly every space of the line.
    /// </summary>
    private static int LastFrom(ReadOnlySpan<char> s)
    {
        var end = s.Length;
        while (true)
        {
            var f = s[..end].LastIndexOf('f');
            if (f < 1) return -1;
            if (s[(f - 1)..].StartsWith(" from ", StringComparison.Ordinal)) return f - 1;
            end = f;
        }
    }

    /// <summary>"IP[ port N][ sshN][: ...]" and nothing else.</summary>
    private static bool TryAddressTail(ReadOnlySpan<char> t, ref EventDraft d)
    {
        var sp = t.IndexOf(' ');
        var ip = sp < 0 ? t : t[..sp];
        if (ip.Length > 1 && ip[^1] == ':' && !Scan.IsIp(ip)) ip = ip[..^1];
        if (!Scan.IsIp(ip)) return false;
        var rest = sp < 0 ? default : t[(sp + 1)..];
        int? port = null;
        if (rest.StartsWith("port ", StringComparison.Ordinal))
        {
            // The digits are read as they are scanned (the number TryInt would give: 1..9 digits, checked below).
            int n = 5, p = 0;
            while (n < rest.Length && Scan.IsDigit(rest[n]) && n < 14) p = p * 10 + (rest[n++] - '0');
            if (n == 5 || (n < rest.Length && Scan.IsDigit(rest[n])) || p > 65535) return false;
            port = p;
            rest = rest[n..];
            if (rest.StartsWith(" ", StringComparison.Ordinal)) rest = rest[1..];
        }
        if (rest.StartsWith("ssh", StringComparison.Ordinal))
        {
            // Usually just "ssh2": a short scan, not a call into the vectorised search.
            var c = 3;
            while (c < rest.Length && rest[c] != ':') c++;
            rest = rest[c..];
        }
        if (!(rest.IsEmpty || rest[0] == ':')) return false;
        d.SourceIp = Scan.IpString(ip);
        d.SourcePort = port;
        return true;
    }

    private static bool InvalidUser(ReadOnlySpan<char> s, ref EventDraft d)
    {
        d.SetAuth("ssh_invalid_user", EventOutcome.Failure);
        if (ForUserFromIp(s, ref d, out _)) return true;
        d.UserName = NonEmpty(s);
        return true;
    }

    /// <summary>"[invalid user X |authenticating user X |user X ]IP[ port N][...]".</summary>
    private static bool Disconnect(ReadOnlySpan<char> s, ref EventDraft d)
    {
        d.SetAuth("ssh_disconnect", EventOutcome.Unknown, EventCategory.Session);
        return Peer(s, ref d, out _);
    }

    /// <summary>"IP[ port N]:CODE: text" or "IP: CODE: text".</summary>
    private static bool ReceivedDisconnect(ReadOnlySpan<char> s, ref EventDraft d)
    {
        d.SetAuth("ssh_disconnect", EventOutcome.Unknown, EventCategory.Session);
        var sp = s.IndexOf(' ');
        var ip = sp < 0 ? s : s[..sp];
        if (ip.Length > 1 && ip[^1] == ':') ip = ip[..^1];
        if (!Scan.IsIp(ip)) return false;
        d.SourceIp = Scan.IpString(ip);
        var rest = sp < 0 ? default : s[(sp + 1)..];
        if (rest.StartsWith("port ", StringComparison.Ordinal))
        {
            var n = 5;
            while (n < rest.Length && Scan.IsDigit(rest[n])) n++;
            if (Scan.TryInt(rest[5..n], out var p)) d.SourcePort = p;
        }
        return true;
    }

    /// <summary>
    /// A peer with an optional user before it and optional " port N" and ": text" after it, read from the right:
    /// "invalid user a b 1.2.3.4 port 22: Too many ..." gives user "a b".
    /// </summary>
    private static bool Peer(ReadOnlySpan<char> s, ref EventDraft d, out bool invalid)
    {
        invalid = false;
        s = Scan.TrimSpaces(s);
        var head = s;
        var port = FindPort(s, out var portValue);
        if (port >= 0)
        {
            head = s[..port];
            d.SourcePort = portValue;
        }
        else if (s.IndexOf(": ") is var colon and > 0 && Scan.IsIp(s[..colon]))
        {
            head = s[..colon];
        }
        var sp = head.LastIndexOf(' ');
        var ip = head[(sp + 1)..];
        if (ip.Length > 1 && ip[^1] == ':' && !Scan.IsIp(ip)) ip = ip[..^1];
        if (ip.Length > 2 && ip[0] == '[' && ip[^1] == ']') ip = ip[1..^1];
        if (!Scan.IsIp(ip))
        {
            d.SourcePort = null;
            return false;
        }
        d.SourceIp = Scan.IpString(ip);
        if (sp > 0)
        {
            var user = UserPart(head[..sp], ref d);
            if (user is not null) d.UserName = user;
            invalid = head.StartsWith("invalid user ", StringComparison.Ordinal);
        }
        return true;
    }

    private static string? UserPart(ReadOnlySpan<char> u, ref EventDraft d)
    {
        if (u.StartsWith("invalid user ", StringComparison.Ordinal)) u = u[13..];
        else if (u.StartsWith("authenticating user ", StringComparison.Ordinal)) u = u[20..];
        else if (u.StartsWith("user ", StringComparison.Ordinal)) u = u[5..];
        else return null;
        return NonEmpty(u);
    }

    /// <summary>Index of the last " port N" whose digits end the text or are followed by ':' or ' '; -1 if none.</summary>
    private static int FindPort(ReadOnlySpan<char> s, out int port)
    {
        port = 0;
        var end = s.Length;
        while (true)
        {
            var at = s[..end].LastIndexOf(" port ");
            if (at < 0) return -1;
            var n = at + 6;
            while (n < s.Length && Scan.IsDigit(s[n])) n++;
            if (n > at + 6 && (n == s.Length || s[n] is ':' or ' ') && Scan.TryInt(s[(at + 6)..n], out port) && port <= 65535) return at;
            end = at;
        }
    }

    /// <summary>"HOST [IP] failed - POSSIBLE BREAK-IN ATTEMPT!" or "IP maps to HOST, but ...".</summary>
    private static bool ReverseMapping(ReadOnlySpan<char> s, char form, ref EventDraft d)
    {
        d.SetAuth("ssh_reverse_mapping_failed", EventOutcome.Unknown, EventCategory.Network);
        ReadOnlySpan<char> ip;
        if (form == '[')
        {
            var open = s.LastIndexOf(" [");
            var close = open < 0 ? -1 : s[open..].IndexOf(']');
            if (close < 0) return false;
            ip = s.Slice(open + 2, close - 2);
        }
        else
        {
            var sp = s.IndexOf(' ');
            if (sp < 0) return false;
            ip = s[..sp];
        }
        if (!Scan.IsIp(ip)) return false;
        d.SourceIp = Scan.IpString(ip);
        return true;
    }

    /// <summary>PAM lines, with or without the "pam_unix(sshd:auth): " prefix (loghub's "sshd(pam_unix)" tag drops it).</summary>
    private static bool Pam(ReadOnlySpan<char> m, ref EventDraft d)
    {
        if (m.StartsWith("pam_", StringComparison.Ordinal))
        {
            var colon = m.IndexOf("): ");
            if (colon < 0) return false;
            m = m[(colon + 3)..];
        }
        if (PamMessages.TrySession(m, ref d)) return true;
        if (m.StartsWith("authentication failure;", StringComparison.Ordinal)
            || (m.StartsWith("PAM ", StringComparison.Ordinal) && m.Contains(" more authentication failure", StringComparison.Ordinal)))
        {
            d.SetAuth("ssh_login", EventOutcome.Failure);
            d.Reason = "pam";
            PamMessages.ReadRhostUser(m, ref d);
            return true;
        }
        if (m.StartsWith("check pass; user unknown", StringComparison.Ordinal))
        {
            d.SetAuth("ssh_invalid_user", EventOutcome.Failure);
            d.Reason = "pam";
            return true;
        }
        if (m.StartsWith("PAM service(", StringComparison.Ordinal) && m.Contains("ignoring max retries", StringComparison.Ordinal))
        {
            d.SetAuth("ssh_max_auth_exceeded", EventOutcome.Failure);
            d.Reason = "pam";
            return true;
        }
        return false;
    }

    private static string? NonEmpty(ReadOnlySpan<char> s)
    {
        s = Scan.TrimSpaces(s);
        return s.IsEmpty ? null : Scan.Intern(s);
    }
}

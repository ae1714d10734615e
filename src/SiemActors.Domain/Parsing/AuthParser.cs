using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// auth.log programs other than sshd: sudo, su, PAM sessions and failures of any program, and account changes
/// (useradd, groupadd, userdel, usermod, passwd, chpasswd). Returns false for messages it does not know.
/// </summary>
internal static class AuthParser
{
    public static bool TryParse(ReadOnlySpan<char> app, ReadOnlySpan<char> msg, ref EventDraft d)
    {
        var program = app;
        var paren = program.IndexOf('(');
        if (paren > 0) program = program[..paren]; // "su(pam_unix)"
        var m = Scan.TrimSpaces(msg);

        if (m.StartsWith("pam_", StringComparison.Ordinal))
        {
            var close = m.IndexOf("): ");
            if (close < 0) return false;
            var service = m[..close];
            m = m[(close + 3)..];
            if (service.EndsWith(":chauthtok", StringComparison.Ordinal) && m.StartsWith("password changed for ", StringComparison.Ordinal))
            {
                d.SetAuth("password_changed", EventOutcome.Success, EventCategory.Iam);
                d.UserName = Scan.Intern(Scan.TrimSpaces(m[21..]));
                return true;
            }
        }
        if (PamMessages.TrySession(m, ref d)) return true;
        if (m.StartsWith("authentication failure;", StringComparison.Ordinal)
            || m.StartsWith("check pass; user unknown", StringComparison.Ordinal)
            || (m.StartsWith("PAM ", StringComparison.Ordinal) && m.Contains(" more authentication failure", StringComparison.Ordinal)))
        {
            var action = program switch { "sudo" => "sudo_denied", "su" => "su_failure", _ => "auth_failure" };
            d.SetAuth(action, EventOutcome.Failure);
            d.Reason = "pam";
            PamMessages.ReadRhostUser(m, ref d);
            return true;
        }

        return program switch
        {
            "CRON" or "cron" or "crond" => Cron(m, ref d),
            "ftpd" or "vsftpd" or "proftpd" => Ftp(m, ref d),
            "klogind" or "login" or "gdm-binary" => LoginFailure(m, ref d),
            "sudo" => Sudo(m, ref d),
            "su" => Su(m, ref d),
            "useradd" or "adduser" or "groupadd" or "addgroup" or "userdel" or "groupdel" or "usermod" or "passwd" or "chpasswd" or "gpasswd"
                => Accounts(m, ref d),
            _ => false,
        };
    }

    /// <summary>"(root) CMD (run-parts /etc/cron.hourly)".</summary>
    private static bool Cron(ReadOnlySpan<char> m, ref EventDraft d)
    {
        var close = m.IndexOf(") ");
        if (m.IsEmpty || m[0] != '(' || close < 2) return false;
        if (!m[(close + 2)..].StartsWith("CMD ", StringComparison.Ordinal)) return false;
        d.SetAuth("cron_command", EventOutcome.Success, EventCategory.Process);
        d.UserName = Scan.Intern(m[1..close]);
        return true;
    }

    /// <summary>"connection from IP (host) at ..." and "ANONYMOUS FTP LOGIN FROM IP, (anonymous)".</summary>
    private static bool Ftp(ReadOnlySpan<char> m, ref EventDraft d)
    {
        if (m.StartsWith("connection from ", StringComparison.Ordinal))
        {
            d.SetAuth("ftp_connection", EventOutcome.Unknown, EventCategory.Network);
            return Address(m[16..], ref d);
        }
        if (m.StartsWith("ANONYMOUS FTP LOGIN FROM ", StringComparison.Ordinal))
        {
            d.SetAuth("ftp_login", EventOutcome.Success);
            d.UserName = "anonymous";
            return Address(m[25..], ref d);
        }
        return false;
    }

    /// <summary>klogind/login: "Authentication failed from IP (host): ...", "FAILED LOGIN 1 FROM tty1 FOR root, ...".</summary>
    private static bool LoginFailure(ReadOnlySpan<char> m, ref EventDraft d)
    {
        if (m.StartsWith("Authentication failed from ", StringComparison.Ordinal))
        {
            d.SetAuth("auth_failure", EventOutcome.Failure);
            return Address(m[27..], ref d);
        }
        if (m.StartsWith("Couldn't authenticate user", StringComparison.Ordinal) || m.StartsWith("Kerberos authentication failed", StringComparison.Ordinal))
        {
            d.SetAuth("auth_failure", EventOutcome.Failure);
            return true;
        }
        if (m.StartsWith("FAILED LOGIN ", StringComparison.Ordinal))
        {
            d.SetAuth("auth_failure", EventOutcome.Failure);
            var f = m.IndexOf(" FOR ");
            if (f > 0)
            {
                var u = m[(f + 5)..];
                var comma = u.IndexOf(',');
                d.UserName = Scan.Intern(comma < 0 ? u : u[..comma]);
            }
            return true;
        }
        return false;
    }

    /// <summary>The first token as an address (trailing ',' ':' stripped).</summary>
    public static bool Address(ReadOnlySpan<char> s, ref EventDraft d)
    {
        var end = 0;
        while (end < s.Length && s[end] is not (' ' or ',' or ')' or '(')) end++;
        var ip = s[..end];
        if (ip.Length > 1 && ip[^1] == ':' && !Scan.IsIp(ip)) ip = ip[..^1];
        if (!Scan.IsIp(ip)) return false;
        d.SourceIp = Scan.IpString(ip);
        return true;
    }

    /// <summary>"bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/ls" and the refusals sudo writes in its place.</summary>
    private static bool Sudo(ReadOnlySpan<char> m, ref EventDraft d)
    {
        var sep = m.IndexOf(" : ");
        if (sep <= 0) return false;
        d.UserName = Scan.Intern(Scan.TrimSpaces(m[..sep]));
        var rest = m[(sep + 3)..];
        if (rest.StartsWith("TTY=", StringComparison.Ordinal) || rest.StartsWith("PWD=", StringComparison.Ordinal)
            || rest.StartsWith("USER=", StringComparison.Ordinal) || rest.StartsWith("HOST=", StringComparison.Ordinal))
        {
            d.SetAuth("sudo_command", EventOutcome.Success, EventCategory.Process);
            return true;
        }
        d.SetAuth("sudo_denied", EventOutcome.Failure, EventCategory.Process);
        if (rest.StartsWith("user NOT in sudoers", StringComparison.Ordinal)) d.Reason = "not_in_sudoers";
        else if (rest.Contains("incorrect password attempt", StringComparison.Ordinal)) d.Reason = "incorrect_password";
        else if (rest.StartsWith("command not allowed", StringComparison.Ordinal)) d.Reason = "command_not_allowed";
        else if (rest.Contains("NOT allowed", StringComparison.Ordinal)) d.Reason = "not_allowed";
        else return false;
        return true;
    }

    /// <summary>util-linux, shadow and BSD forms: "Successful su for root by bob", "FAILED su for root by bob",
    /// "(to root) bob on pts/0", "+ pts/0 bob:root", "'su root' failed for bob on /dev/pts/8".</summary>
    private static bool Su(ReadOnlySpan<char> m, ref EventDraft d)
    {
        if (m.StartsWith("Successful su for ", StringComparison.Ordinal) || m.StartsWith("FAILED su for ", StringComparison.Ordinal))
        {
            var ok = m[0] == 'S';
            d.SetAuth(ok ? "su_session" : "su_failure", ok ? EventOutcome.Success : EventOutcome.Failure);
            var by = m.LastIndexOf(" by ");
            if (by > 0) d.UserName = Scan.Intern(Scan.TrimSpaces(m[(by + 4)..]));
            return true;
        }
        if (m.StartsWith("(to ", StringComparison.Ordinal))
        {
            var close = m.IndexOf(") ");
            if (close < 0) return false;
            var who = m[(close + 2)..];
            var on = who.LastIndexOf(" on ");
            d.SetAuth("su_session", EventOutcome.Success);
            d.UserName = Scan.Intern(on > 0 ? who[..on] : who);
            return true;
        }
        if (m.Length > 2 && m[0] is '+' or '-' && m[1] == ' ')
        {
            var ok = m[0] == '+';
            var sp = m[2..].IndexOf(' ');
            var pair = sp < 0 ? default : m[(sp + 3)..];
            var colon = pair.IndexOf(':');
            if (colon <= 0) return false;
            d.SetAuth(ok ? "su_session" : "su_failure", ok ? EventOutcome.Success : EventOutcome.Failure);
            d.UserName = Scan.Intern(pair[..colon]);
            return true;
        }
        if (m.StartsWith("'su ", StringComparison.Ordinal) && m.Contains("' failed for ", StringComparison.Ordinal))
        {
            var f = m.IndexOf("' failed for ") + 13;
            var on = m[f..].IndexOf(" on ");
            d.SetAuth("su_failure", EventOutcome.Failure);
            d.UserName = Scan.Intern(on < 0 ? m[f..] : m.Slice(f, on));
            return true;
        }
        return false;
    }

    /// <summary>shadow-utils: "new user: name=bob, UID=...", "new group: name=bob, GID=...", "delete user 'bob'",
    /// "add 'bob' to group 'sudo'", "password for 'bob' changed by 'root'", "password changed for bob".</summary>
    private static bool Accounts(ReadOnlySpan<char> m, ref EventDraft d)
    {
        if (m.StartsWith("new user: ", StringComparison.Ordinal)) return Named(m, "user_created", ref d);
        if (m.StartsWith("new group: ", StringComparison.Ordinal)) return Named(m, "group_created", ref d);
        if (m.StartsWith("delete user ", StringComparison.Ordinal)) return Quoted(m[12..], "user_deleted", ref d);
        if (m.StartsWith("group '", StringComparison.Ordinal) && m.Contains("removed", StringComparison.Ordinal)) return Quoted(m[6..], "group_deleted", ref d);
        if (m.StartsWith("add '", StringComparison.Ordinal) && m.Contains(" to group '", StringComparison.Ordinal)) return Quoted(m[4..], "user_group_added", ref d);
        if (m.StartsWith("password for '", StringComparison.Ordinal) && m.Contains(" changed", StringComparison.Ordinal)) return Quoted(m[13..], "password_changed", ref d);
        if (m.StartsWith("password changed for ", StringComparison.Ordinal))
        {
            d.SetAuth("password_changed", EventOutcome.Success, EventCategory.Iam);
            d.UserName = Scan.Intern(Scan.TrimSpaces(m[21..]));
            return true;
        }
        return false;
    }

    private static bool Named(ReadOnlySpan<char> m, string action, ref EventDraft d)
    {
        var at = m.IndexOf("name=");
        if (at < 0) return false;
        var v = m[(at + 5)..];
        var end = v.IndexOfAny(',', ' ');
        if (end >= 0) v = v[..end];
        if (v.IsEmpty) return false;
        d.SetAuth(action, EventOutcome.Success, EventCategory.Iam);
        if (!action.StartsWith("group", StringComparison.Ordinal)) d.UserName = Scan.Intern(v); // a group is not a user entity
        return true;
    }

    private static bool Quoted(ReadOnlySpan<char> s, string action, ref EventDraft d)
    {
        if (s.IsEmpty || s[0] != '\'') return false;
        var close = s[1..].IndexOf('\'');
        if (close <= 0) return false;
        d.SetAuth(action, EventOutcome.Success, EventCategory.Iam);
        if (!action.StartsWith("group", StringComparison.Ordinal)) d.UserName = Scan.Intern(s.Slice(1, close));
        return true;
    }
}

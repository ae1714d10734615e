using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>The pam_unix messages every PAM-using program writes: sessions and authentication failures.</summary>
internal static class PamMessages
{
    /// <summary>"session opened for user X[(uid=N)] by ..." and "session closed for user X".</summary>
    public static bool TrySession(ReadOnlySpan<char> m, ref EventDraft d)
    {
        bool opened;
        if (m.StartsWith("session opened for user ", StringComparison.Ordinal)) opened = true;
        else if (m.StartsWith("session closed for user ", StringComparison.Ordinal)) opened = false;
        else return false;
        var user = m[24..];
        var end = 0;
        while (end < user.Length && user[end] is not (' ' or '(')) end++;
        d.SetAuth(opened ? "session_opened" : "session_closed", EventOutcome.Success, EventCategory.Session);
        if (end > 0) d.UserName = Scan.Intern(user[..end]);
        return true;
    }

    /// <summary>"authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root".</summary>
    public static void ReadRhostUser(ReadOnlySpan<char> m, ref EventDraft d)
    {
        var rhost = Value(m, "rhost=");
        if (!rhost.IsEmpty && Scan.IsIp(rhost)) d.SourceIp = Scan.IpString(rhost);
        var user = Value(m, "user=");
        if (!user.IsEmpty) d.UserName = Scan.Intern(user);
    }

    /// <summary>The value of " key=" (or "key=" at the start, or after ';'), up to the next space; empty when absent.</summary>
    public static ReadOnlySpan<char> Value(ReadOnlySpan<char> m, string key)
    {
        var from = 0;
        while (from < m.Length)
        {
            var at = m[from..].IndexOf(key, StringComparison.Ordinal);
            if (at < 0) return default;
            at += from;
            if (at == 0 || m[at - 1] is ' ' or ';')
            {
                var v = m[(at + key.Length)..];
                var sp = v.IndexOfAny(' ', ';');
                return Scan.TrimSpaces(sp < 0 ? v : v[..sp]);
            }
            from = at + key.Length;
        }
        return default;
    }
}

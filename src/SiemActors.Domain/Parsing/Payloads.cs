using System.Runtime.CompilerServices;
using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// Hands the MSG of a syslog line to the parser of the program that wrote it: sshd, the other auth.log programs,
/// nginx/Apache access and error lines. What no inner parser claims stays a plain syslog event.
/// </summary>
internal static class Payloads
{
    public static void Dispatch(ReadOnlySpan<char> app, ReadOnlySpan<char> msg, SourceKind requested, DateTimeOffset receivedAt, ref EventDraft d)
    {
        if (SshdParser.IsSshdProgram(app))
        {
            // Parse in place and undo on failure, saving only what the sshd parser writes (see EventDraft.SaveAuth).
            var saved = d.SaveAuth();
            d.Source = SourceKind.Sshd;
            if (!SshdParser.TryParse(msg, ref d)) d.RestoreAuth(saved);
            return;
        }
        var web = WebKind(app, requested);
        if (web != SourceKind.Auto || AccessLogParser.LooksLikeAccess(msg))
        {
            Web(web, msg, requested, receivedAt, ref d);
            return;
        }
        if (!app.IsEmpty && Auth(app, msg, ref d)) return;
        SourceAddress(msg, ref d);
    }

    // Out of line, as is Auth: each holds a whole draft copy, which would otherwise widen (and zero) the sshd path's frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Web(SourceKind web, ReadOnlySpan<char> msg, SourceKind requested, DateTimeOffset receivedAt, ref EventDraft d)
    {
        var inner = d;
        inner.Source = web == SourceKind.Auto ? (requested == SourceKind.Apache ? SourceKind.Apache : SourceKind.Nginx) : web;
        if (AccessLogParser.TryParse(msg, ref inner, out _)
            || (web != SourceKind.Auto && (ErrorLogParser.TryNginx(msg, receivedAt, ref inner, out _) || ErrorLogParser.TryApache(msg, receivedAt, ref inner, out _))))
        {
            inner.Message = d.Message;
            d = inner;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Auth(ReadOnlySpan<char> app, ReadOnlySpan<char> msg, ref EventDraft d)
    {
        var inner = d;
        if (!AuthParser.TryParse(app, msg, ref inner)) return false;
        d = inner;
        return true;
    }

    /// <summary>Best effort for messages no parser knows: the address after the last " from " (or " FROM ").</summary>
    private static void SourceAddress(ReadOnlySpan<char> msg, ref EventDraft d)
    {
        var end = msg.Length;
        for (var tries = 0; tries < 4; tries++)
        {
            var at = msg[..end].LastIndexOf(" from ", StringComparison.OrdinalIgnoreCase);
            if (at < 0) return;
            if (AuthParser.Address(msg[(at + 6)..], ref d)) return;
            end = at;
        }
    }

    /// <summary>nginx or Apache by program name ("nginx", "apache2", "httpd", "apache_error"), else Auto.</summary>
    private static SourceKind WebKind(ReadOnlySpan<char> app, SourceKind requested)
    {
        if (app.StartsWith("nginx", StringComparison.OrdinalIgnoreCase)) return SourceKind.Nginx;
        if (app.StartsWith("apache", StringComparison.OrdinalIgnoreCase) || app.StartsWith("httpd", StringComparison.OrdinalIgnoreCase)) return SourceKind.Apache;
        return SourceKind.Auto;
    }
}

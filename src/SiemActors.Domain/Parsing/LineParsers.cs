using System.Runtime.CompilerServices;
using SiemActors.Domain.Events;

namespace SiemActors.Domain.Parsing;

/// <summary>
/// The entry point the parser actors call: one line in, a typed event or a short reason out. Pure, thread-safe, and
/// never throws. <see cref="SourceKind.Auto"/> detects the format per line; the event's <see cref="LogEvent.Source"/>
/// is the parser that actually read it (an sshd line inside syslog is <see cref="SourceKind.Sshd"/>).
/// </summary>
public static class LineParsers
{
    private static readonly ILineParser[] Parsers =
        [new KindParser(SourceKind.Auto), new KindParser(SourceKind.Syslog), new KindParser(SourceKind.Sshd),
         new KindParser(SourceKind.Nginx), new KindParser(SourceKind.Apache), new KindParser(SourceKind.Json)];

    /// <summary>The parser for one source kind, for callers that hold an <see cref="ILineParser"/>.</summary>
    public static ILineParser For(SourceKind kind) => (uint)kind < (uint)Parsers.Length ? Parsers[(int)kind] : Parsers[0];

    public static ParseOutcome Parse(SourceKind kind, string line, DateTimeOffset receivedAt)
    {
        if (line is null) return ParseOutcome.Fail("no line");
        try
        {
            return ParseCore(kind, line, receivedAt);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or FormatException or OverflowException or InvalidOperationException)
        {
            // A parser bug must cost one line, not the actor; the property tests exist to keep this branch dead.
            return ParseOutcome.Fail("parser error: " + e.GetType().Name);
        }
    }

    // The per-format paths below are kept out of line: inlined together they made one 1.2 KB frame of event drafts,
    // all of it zeroed on every call whichever path the line took.
    private static ParseOutcome ParseCore(SourceKind kind, string line, DateTimeOffset receivedAt)
    {
        var s = line.AsSpan();
        if (Scan.TrimSpaces(s).IsEmpty) return ParseOutcome.Fail("empty line");
        return kind switch
        {
            SourceKind.Syslog => Syslog(line, receivedAt, kind),
            SourceKind.Sshd => SyslogParser.LooksLikeSyslog(s) ? Syslog(line, receivedAt, kind) : RawSshd(line, receivedAt),
            SourceKind.Nginx or SourceKind.Apache => Web(line, receivedAt, kind),
            SourceKind.Json => Json(line, receivedAt),
            _ => Auto(line, receivedAt),
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ParseOutcome Auto(string line, DateTimeOffset receivedAt)
    {
        var s = line.AsSpan();
        var first = s.IndexOfAnyExcept(' ', '\t', '\uFEFF');
        if (first < 0) return ParseOutcome.Fail("empty line");
        var t = s[first..];
        if (t[0] == '{') return Json(line, receivedAt);
        if (SyslogParser.LooksLikeSyslog(s)) return Syslog(line, receivedAt, SourceKind.Auto);
        if (ErrorLogParser.LooksLikeNginxError(s) || ErrorLogParser.LooksLikeApacheError(s) || AccessLogParser.LooksLikeAccess(s))
        {
            return Web(line, receivedAt, SourceKind.Auto);
        }
        var d = new EventDraft { Source = SourceKind.Sshd, Message = line };
        if (SshdParser.TryParse(s, ref d)) return ParseOutcome.Ok(d.ToEvent(line, receivedAt));
        return ParseOutcome.Fail("unrecognised line format");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ParseOutcome Syslog(string line, DateTimeOffset receivedAt, SourceKind requested)
    {
        // Not `new EventDraft { ... }`: an initializer builds a temporary and copies it, a second draft on the frame.
        EventDraft d = default;
        d.Source = SourceKind.Syslog;
        if (!SyslogParser.TryRead(line, receivedAt, ref d, out var header, out var error)) return ParseOutcome.Fail(error ?? "not a syslog line");
        var msg = Scan.TrimSpaces(header.Payload(line));
        // The event keeps the message as a range of the line; it is copied out only if something reads it.
        if (msg.IsEmpty) d.Message = "";
        else if (line.AsSpan().Overlaps(msg, out var at)) (d.MessageStart, d.MessageLength) = (at, msg.Length);
        else d.Message = msg.ToString();
        Payloads.Dispatch(header.App(line), Scan.TrimSpaces(msg), requested, receivedAt, ref d);
        return ParseOutcome.Ok(d.ToEvent(line, receivedAt));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ParseOutcome RawSshd(string line, DateTimeOffset receivedAt)
    {
        var d = new EventDraft { Source = SourceKind.Sshd, Message = line };
        return SshdParser.TryParse(line, ref d)
            ? ParseOutcome.Ok(d.ToEvent(line, receivedAt))
            : ParseOutcome.Fail(SshdParser.Unrecognised);
    }

    /// <summary>Access line, else error-log line, else a syslog-wrapped one. Auto-detected access lines count as nginx.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ParseOutcome Web(string line, DateTimeOffset receivedAt, SourceKind requested)
    {
        var s = line.AsSpan();
        EventDraft d = default;
        d.Source = requested == SourceKind.Apache ? SourceKind.Apache : SourceKind.Nginx;
        d.Message = line;
        string? error;
        if (ErrorLogParser.LooksLikeNginxError(s))
        {
            if (requested == SourceKind.Auto) d.Source = SourceKind.Nginx;
            return ErrorLogParser.TryNginx(s, receivedAt, ref d, out error) ? ParseOutcome.Ok(d.ToEvent(line, receivedAt)) : ParseOutcome.Fail(error ?? "bad nginx error line");
        }
        if (s.Length > 0 && s[0] == '[')
        {
            if (requested == SourceKind.Auto) d.Source = SourceKind.Apache;
            return ErrorLogParser.TryApache(s, receivedAt, ref d, out error) ? ParseOutcome.Ok(d.ToEvent(line, receivedAt)) : ParseOutcome.Fail(error ?? "bad Apache error line");
        }
        if (AccessLogParser.TryParse(s, ref d, out error)) return ParseOutcome.Ok(d.ToEvent(line, receivedAt));
        if (requested != SourceKind.Auto && SyslogParser.LooksLikeSyslog(s))
        {
            var wrapped = Syslog(line, receivedAt, requested);
            if (wrapped.Event is { Source: SourceKind.Nginx or SourceKind.Apache }) return wrapped;
        }
        return ParseOutcome.Fail(error ?? "not an access or error log line");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ParseOutcome Json(string line, DateTimeOffset receivedAt)
    {
        var d = new EventDraft { Source = SourceKind.Json };
        return JsonLineParser.TryParse(line, receivedAt, ref d, out var error)
            ? ParseOutcome.Ok(d.ToEvent(line, receivedAt))
            : ParseOutcome.Fail(error ?? "invalid JSON");
    }

    private sealed class KindParser(SourceKind kind) : ILineParser
    {
        public SourceKind Kind => kind;

        public ParseOutcome Parse(string line, DateTimeOffset receivedAt) => LineParsers.Parse(kind, line, receivedAt);
    }
}

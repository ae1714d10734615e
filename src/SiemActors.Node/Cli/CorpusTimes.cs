using System.Globalization;

namespace SiemActors.Node.Cli;

/// <summary>
/// Where each event time of a generated corpus sits in its batch bodies, so that every pass over the corpus is sent
/// later in event time than the pass before, as a live stream would be.
/// <para>
/// Replayed with the same times, each pass adds its events to the same minutes of every entity's windows. After ~20
/// passes a sixth of the 100,000 clients had 10 failed logins "in a minute" and looked like brute-forcers (17,000 new
/// incidents in 20 s) though the corpus holds no attack: a storm the replay made, not the mix.
/// </para>
/// </summary>
public sealed class CorpusTimes
{
    /// <summary>sshd lines: RFC 3164's <c>MMM dd HH:mm:ss</c>.</summary>
    public const string SyslogFormat = "MMM dd HH:mm:ss";
    /// <summary>nginx lines: the combined format's <c>dd/MMM/yyyy:HH:mm:ss</c> (the zone, <c>+0000</c>, follows).</summary>
    public const string AccessLogFormat = "dd/MMM/yyyy:HH:mm:ss";

    private readonly Stamp[][] _stamps;

    internal CorpusTimes(Stamp[][] stamps, TimeSpan span)
    {
        _stamps = stamps;
        Span = span;
    }

    /// <summary>How far event time moves per pass: the corpus' own span in whole seconds, so a pass starts where the one before ended.</summary>
    public TimeSpan Span { get; }

    /// <summary>
    /// <paramref name="body"/> (batch <paramref name="index"/>) as pass <paramref name="pass"/> sends it, its times moved
    /// <see cref="Span"/> forward per pass, written into <paramref name="buffer"/> (grown when too small). Pass 0 is the body itself.
    /// </summary>
    public ArraySegment<byte> Shift(byte[] body, int index, long pass, ref byte[]? buffer)
    {
        if (pass == 0) return body;
        if (buffer is null || buffer.Length < body.Length) buffer = new byte[body.Length];
        body.CopyTo(buffer, 0);
        var shift = Span.Ticks * pass;
        // Lines 3 ms apart share their second: each stamp is formatted once per second it names, not once per line.
        Span<byte> syslog = stackalloc byte[SyslogFormat.Length], access = stackalloc byte[AccessLogFormat.Length];
        long syslogSecond = -1, accessSecond = -1;
        foreach (var stamp in _stamps[index])
        {
            var ticks = stamp.Ticks + shift;
            var second = ticks / TimeSpan.TicksPerSecond;
            if (stamp.Syslog)
            {
                if (second != syslogSecond) Format(ticks, SyslogFormat, syslog);
                syslogSecond = second;
                syslog.CopyTo(buffer.AsSpan(stamp.Offset));
            }
            else
            {
                if (second != accessSecond) Format(ticks, AccessLogFormat, access);
                accessSecond = second;
                access.CopyTo(buffer.AsSpan(stamp.Offset));
            }
        }
        return new ArraySegment<byte>(buffer, 0, body.Length);
    }

    /// <summary>
    /// The same times in <paramref name="wrapped"/>, bodies made one for one from <paramref name="original"/> (a line
    /// wrapped in a JSON request for <c>/analyze</c>): each stamp found again, in order, by its text, which JSON leaves
    /// as it is.
    /// </summary>
    public CorpusTimes In(IReadOnlyList<byte[]> original, IReadOnlyList<byte[]> wrapped)
    {
        var moved = new Stamp[_stamps.Length][];
        for (var i = 0; i < _stamps.Length; i++)
        {
            moved[i] = new Stamp[_stamps[i].Length];
            var from = 0;
            for (var j = 0; j < _stamps[i].Length; j++)
            {
                var stamp = _stamps[i][j];
                var text = original[i].AsSpan(stamp.Offset, stamp.Syslog ? SyslogFormat.Length : AccessLogFormat.Length);
                var at = wrapped[i].AsSpan(from).IndexOf(text);
                if (at < 0) throw new InvalidOperationException($"body {i}: time stamp {j} is not in its wrapped body");
                moved[i][j] = stamp with { Offset = from + at };
                from += at + text.Length;
            }
        }
        return new CorpusTimes(moved, Span);
    }

    private static void Format(long ticks, string format, Span<byte> into)
    {
        // Both formats have a fixed width in the invariant culture (English month abbreviations, zero-padded fields).
        if (!new DateTimeOffset(ticks, TimeSpan.Zero).TryFormat(into, out var written, format, CultureInfo.InvariantCulture) || written != into.Length)
            throw new InvalidOperationException($"'{format}' did not format to {into.Length} bytes");
    }

    /// <summary>One event time in a body: where it starts, which of the two formats it is in, and its UTC ticks on pass 0.</summary>
    internal readonly record struct Stamp(int Offset, bool Syslog, long Ticks);
}

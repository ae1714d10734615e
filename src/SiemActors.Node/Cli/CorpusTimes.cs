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
        var syslog = new Formatted(SyslogFormat, stackalloc byte[SyslogFormat.Length]);
        var access = new Formatted(AccessLogFormat, stackalloc byte[AccessLogFormat.Length]);
        foreach (var stamp in _stamps[index])
        {
            var ticks = stamp.Ticks + shift;
            (stamp.Syslog ? syslog.At(ticks) : access.At(ticks)).CopyTo(buffer.AsSpan(stamp.Offset));
        }
        return new ArraySegment<byte>(buffer, 0, body.Length);
    }

    /// <summary>
    /// One format's text for the second last asked for. Lines 3 ms apart share their second: each stamp is formatted
    /// once per second it names, not once per line.
    /// </summary>
    private ref struct Formatted(string format, Span<byte> text)
    {
        private readonly Span<byte> _text = text;
        private long _second = -1;

        public ReadOnlySpan<byte> At(long ticks)
        {
            var second = ticks / TimeSpan.TicksPerSecond;
            if (second == _second) return _text;
            // Both formats have a fixed width in the invariant culture (English month abbreviations, zero-padded fields).
            if (!new DateTimeOffset(ticks, TimeSpan.Zero).TryFormat(_text, out var written, format, CultureInfo.InvariantCulture) || written != _text.Length)
                throw new InvalidOperationException($"'{format}' did not format to {_text.Length} bytes");
            _second = second;
            return _text;
        }
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
                var text = original[i].AsSpan(stamp.Offset, stamp.Length);
                var at = wrapped[i].AsSpan(from).IndexOf(text);
                if (at < 0) throw new InvalidOperationException($"body {i}: time stamp {j} is not in its wrapped body");
                moved[i][j] = stamp with { Offset = from + at };
                from += at + text.Length;
            }
        }
        return new CorpusTimes(moved, Span);
    }

    /// <summary>One event time in a body: where it starts, which of the two formats it is in, and its UTC ticks on pass 0.</summary>
    internal readonly record struct Stamp(int Offset, bool Syslog, long Ticks)
    {
        /// <summary>Its length in the body: the width of its format.</summary>
        public int Length => Syslog ? SyslogFormat.Length : AccessLogFormat.Length;
    }
}

using System.Buffers;
using System.Text;

namespace SiemActors.Node.Syslog;

public enum FrameResult
{
    /// <summary>No whole frame in the buffer yet: read more.</summary>
    NeedMore,
    /// <summary>A line was read.</summary>
    Frame,
    /// <summary>A frame was refused (the reason says why); the framer has resynchronised and reading goes on.</summary>
    Rejected,
    /// <summary>The stream cannot be framed any more (the reason says why): close the connection.</summary>
    Fatal,
}

/// <summary>
/// Splits a syslog TCP stream into messages, choosing the framing of RFC 6587 per frame: octet counting
/// (<c>"123 &lt;34&gt;1 ..."</c>, a count of digits then a space) or non-transparent framing (a line ended by LF, CR LF
/// or NUL). A frame over the size limit is rejected and skipped: an octet-counted one by its count, a line up to its end,
/// so one bad frame never costs the rest of the connection. One instance per connection; not thread-safe.
/// </summary>
public sealed class SyslogFramer(int maxFrameBytes)
{
    // A count this far past the limit is not a syslog sender's mistake but a stream we misread: skipping it could
    // swallow everything the connection sends afterwards, so the connection is closed instead.
    private readonly long _maxSkip = (long)maxFrameBytes * 16;
    private const int MaxCountDigits = 9;

    private long _skip;          // octets still to discard of an over-long octet-counted frame
    private bool _discardLine;   // discarding an over-long line up to its terminator

    public FrameResult Read(ref ReadOnlySequence<byte> buffer, out string? line, out string? reason)
    {
        line = null;
        reason = null;
        while (true)
        {
            if (_skip > 0)
            {
                var n = Math.Min(_skip, buffer.Length);
                buffer = buffer.Slice(n);
                _skip -= n;
                if (_skip > 0) return FrameResult.NeedMore;
            }
            if (_discardLine)
            {
                var end = FindTerminator(buffer);
                if (end is null)
                {
                    buffer = buffer.Slice(buffer.End);
                    return FrameResult.NeedMore;
                }
                buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
                _discardLine = false;
            }

            // Terminators left between frames (a CR LF after an octet-counted frame, blank lines) carry nothing.
            var reader = new SequenceReader<byte>(buffer);
            reader.AdvancePastAny((byte)'\n', (byte)'\r', 0);
            buffer = buffer.Slice(reader.Position);
            if (buffer.IsEmpty) return FrameResult.NeedMore;

            var counted = TryReadCount(buffer, out var count, out var headerLength);
            if (counted is null) return FrameResult.NeedMore;
            var result = counted.Value
                ? ReadCounted(ref buffer, count, headerLength, out line, out reason)
                : ReadLine(ref buffer, out line, out reason);
            if (result == FrameResult.Frame && line!.Length == 0) continue;
            return result;
        }
    }

    /// <summary>At the end of the stream: the last line when it had no terminator, or why what is left is not a frame.</summary>
    public FrameResult Complete(ref ReadOnlySequence<byte> buffer, out string? line, out string? reason)
    {
        line = null;
        reason = null;
        if (_skip > 0 || _discardLine || buffer.IsEmpty) return FrameResult.NeedMore;
        var counted = TryReadCount(buffer, out var count, out _);
        if (counted == true)
        {
            reason = $"the stream ended inside an octet-counted frame of {count} bytes";
            buffer = buffer.Slice(buffer.End);
            return FrameResult.Rejected;
        }
        if (buffer.Length > maxFrameBytes)
        {
            reason = $"a line of {buffer.Length} bytes is over the {maxFrameBytes}-byte limit";
            buffer = buffer.Slice(buffer.End);
            return FrameResult.Rejected;
        }
        line = Decode(buffer);
        buffer = buffer.Slice(buffer.End);
        return line.Length == 0 ? FrameResult.NeedMore : FrameResult.Frame;
    }

    /// <returns>true: an octet count was read; false: the frame is a line; null: too few bytes to tell.</returns>
    private static bool? TryReadCount(ReadOnlySequence<byte> buffer, out long count, out int headerLength)
    {
        count = 0;
        headerLength = 0;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryPeek(out var first) || first is < (byte)'1' or > (byte)'9') return false;
        var digits = 0;
        while (reader.TryRead(out var b))
        {
            if (IsDigit(b))
            {
                if (++digits > MaxCountDigits) return false;
                count = count * 10 + (b - '0');
                continue;
            }
            if (b != (byte)' ') return false;
            headerLength = digits + 1;
            return true;
        }
        return null;
    }

    private FrameResult ReadCounted(ref ReadOnlySequence<byte> buffer, long count, int headerLength, out string? line, out string? reason)
    {
        line = null;
        reason = null;
        if (count > _maxSkip)
        {
            reason = $"an octet count of {count} is not a plausible frame length; the stream is not RFC 6587 syslog";
            return FrameResult.Fatal;
        }
        if (count > maxFrameBytes)
        {
            reason = $"an octet-counted frame of {count} bytes is over the {maxFrameBytes}-byte limit; skipped";
            buffer = buffer.Slice(headerLength);
            _skip = count;
            return FrameResult.Rejected;
        }
        if (buffer.Length - headerLength < count) return FrameResult.NeedMore;
        var frame = buffer.Slice(headerLength, count);
        buffer = buffer.Slice(frame.End);
        line = Decode(frame);
        return FrameResult.Frame;
    }

    private FrameResult ReadLine(ref ReadOnlySequence<byte> buffer, out string? line, out string? reason)
    {
        line = null;
        reason = null;
        var end = FindTerminator(buffer);
        if (end is null)
        {
            if (buffer.Length <= maxFrameBytes) return FrameResult.NeedMore;
            reason = $"a line longer than the {maxFrameBytes}-byte limit; skipped up to its end";
            buffer = buffer.Slice(buffer.End);
            _discardLine = true;
            return FrameResult.Rejected;
        }
        var frame = buffer.Slice(0, end.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
        if (frame.Length > maxFrameBytes)
        {
            reason = $"a line of {frame.Length} bytes is over the {maxFrameBytes}-byte limit; skipped";
            return FrameResult.Rejected;
        }
        line = Decode(frame);
        return FrameResult.Frame;
    }

    private static SequencePosition? FindTerminator(ReadOnlySequence<byte> buffer)
    {
        // LF ends a line; some senders end frames with NUL instead (RFC 6587 3.4.2 mentions both).
        if (buffer.IsSingleSegment)
        {
            var i = buffer.FirstSpan.IndexOfAny((byte)'\n', (byte)0);
            return i < 0 ? null : buffer.GetPosition(i);
        }
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryAdvanceToAny([(byte)'\n', 0], advancePastDelimiter: false) ? reader.Position : null;
    }

    /// <summary>UTF-8 (invalid bytes become U+FFFD), without the trailing CR/LF/NUL.</summary>
    public static string Decode(ReadOnlySequence<byte> frame) => Encoding.UTF8.GetString(frame).TrimEnd('\r', '\n', '\0');

    public static string Decode(ReadOnlySpan<byte> frame) => Encoding.UTF8.GetString(frame).TrimEnd('\r', '\n', '\0');

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}

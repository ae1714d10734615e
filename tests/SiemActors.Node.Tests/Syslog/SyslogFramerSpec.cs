using System.Buffers;
using System.Text;
using SiemActors.Node.Syslog;
using Xunit;

namespace SiemActors.Node.Tests.Syslog;

/// <summary>RFC 6587 framing, detected per frame, over streams cut at arbitrary points.</summary>
public sealed class SyslogFramerSpec
{
    private const int Max = 1024;

    private static string Counted(string message) => $"{Encoding.UTF8.GetByteCount(message)} {message}";

    /// <summary>Feeds the stream in chunks of <paramref name="chunk"/> bytes, as a socket might deliver it.</summary>
    private static (List<string> Lines, List<string> Rejected, bool Closed) Frame(byte[] stream, int chunk, int max = Max)
    {
        var framer = new SyslogFramer(max);
        var lines = new List<string>();
        var rejected = new List<string>();
        var pending = Array.Empty<byte>();
        for (var offset = 0; offset < stream.Length; offset += chunk)
        {
            var piece = stream.AsSpan(offset, Math.Min(chunk, stream.Length - offset));
            var buffer = new ReadOnlySequence<byte>([.. pending, .. piece]);
            while (true)
            {
                var result = framer.Read(ref buffer, out var line, out var reason);
                if (result == FrameResult.NeedMore) break;
                if (result == FrameResult.Frame) lines.Add(line!);
                else rejected.Add(reason!);
                if (result == FrameResult.Fatal) return (lines, rejected, true);
            }
            pending = buffer.ToArray();
        }
        var rest = new ReadOnlySequence<byte>(pending);
        var last = framer.Complete(ref rest, out var tail, out var why);
        if (last == FrameResult.Frame) lines.Add(tail!);
        if (last == FrameResult.Rejected) rejected.Add(why!);
        return (lines, rejected, false);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Octet_counted_and_newline_frames_mix_in_one_stream(int chunk)
    {
        var stream = Encoding.UTF8.GetBytes(
            Counted("<34>1 2025-01-13T03:45:12Z host sshd 1 - - first\nwith a newline inside")
            + "<13>Jan 13 03:45:12 host app: second\n"
            + Counted("<13>third") + "\r\n"
            + "<13>fourth, ünïcode\r\n"
            + "\n\n"
            + "<13>fifth without a terminator");

        var (lines, rejected, closed) = Frame(stream, chunk);

        Assert.Equal(
            ["<34>1 2025-01-13T03:45:12Z host sshd 1 - - first\nwith a newline inside", "<13>Jan 13 03:45:12 host app: second",
             "<13>third", "<13>fourth, ünïcode", "<13>fifth without a terminator"], lines);
        Assert.Empty(rejected);
        Assert.False(closed);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(500)]
    public void An_oversized_counted_frame_is_skipped_by_its_count_and_the_next_frame_is_read(int chunk)
    {
        var big = "<13>" + new string('x', Max + 10);
        var stream = Encoding.UTF8.GetBytes(Counted(big) + Counted("<13>after"));

        var (lines, rejected, _) = Frame(stream, chunk);

        Assert.Equal(["<13>after"], lines);
        Assert.Contains("over the 1024-byte limit", Assert.Single(rejected));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10_000)]
    public void An_oversized_line_is_skipped_up_to_its_end(int chunk)
    {
        var stream = Encoding.UTF8.GetBytes("<13>" + new string('y', Max * 3) + "\n<13>after\n");

        var (lines, rejected, _) = Frame(stream, chunk);

        Assert.Equal(["<13>after"], lines);
        Assert.Single(rejected);
    }

    [Fact]
    public void A_line_that_starts_with_digits_but_no_space_is_a_line()
    {
        var (lines, _, _) = Frame(Encoding.UTF8.GetBytes("203.0.113.9 - - [13/Jan/2025:03:45:13 +0000] \"GET / HTTP/1.1\" 200 1\n"), 4096);

        Assert.Equal(["203.0.113.9 - - [13/Jan/2025:03:45:13 +0000] \"GET / HTTP/1.1\" 200 1"], lines);
    }

    [Fact]
    public void An_implausible_count_closes_the_connection()
    {
        var (lines, rejected, closed) = Frame(Encoding.UTF8.GetBytes("<13>ok\n99999999 <13>garbage"), 4096);

        Assert.Equal(["<13>ok"], lines);
        Assert.True(closed);
        Assert.Contains("not a plausible frame length", Assert.Single(rejected));
    }

    [Fact]
    public void A_stream_that_ends_inside_a_counted_frame_rejects_the_rest()
    {
        var (lines, rejected, _) = Frame(Encoding.UTF8.GetBytes(Counted("<13>whole") + "40 <13>cut sho"), 4096);

        Assert.Equal(["<13>whole"], lines);
        Assert.Contains("ended inside an octet-counted frame", Assert.Single(rejected));
    }

    [Fact]
    public void Invalid_utf8_is_replaced_not_fatal()
    {
        var (lines, rejected, _) = Frame([(byte)'<', (byte)'1', (byte)'3', (byte)'>', 0xC3, 0x28, (byte)'\n'], 4096);

        Assert.Equal(["<13>\uFFFD("], lines);
        Assert.Empty(rejected);
    }
}

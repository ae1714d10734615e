using System.Text;
using System.Text.Json;
using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;
using SiemActors.Node.Cli;
using Xunit;

namespace SiemActors.Node.Tests;

/// <summary>
/// The generated load corpus, pass after pass: each pass is the same lines, read by the node's own parsers at event
/// times a whole corpus span later than the pass before.
/// </summary>
public sealed class CorpusTimesSpec
{
    private const int Lines = 60, Batch = 25;
    // Parsed as received the day after the corpus' first line: RFC 3164 stamps carry no year.
    private static readonly DateTimeOffset ReceivedAt = new(2026, 1, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pass_zero_is_the_corpus_itself()
    {
        var (bodies, times) = LoadCorpus.Generate(Lines, ips: 10, users: 4, Batch, seed: 7);
        byte[]? buffer = null;

        var sent = times.Shift(bodies[0], 0, pass: 0, ref buffer);

        Assert.Same(bodies[0], sent.Array);
        Assert.Null(buffer);
    }

    [Theory]
    [InlineData(1L)]
    // 16 h 40 min on: across midnight into the next day, every field of both formats changed.
    [InlineData(60_000L)]
    public void A_later_pass_is_the_same_lines_a_span_per_pass_later(long pass)
    {
        var (bodies, times) = LoadCorpus.Generate(Lines, ips: 10, users: 4, Batch, seed: 7);
        Assert.Equal(TimeSpan.FromSeconds(1), times.Span); // 60 lines 3 ms apart, rounded up to the stamps' whole seconds
        byte[]? buffer = null;
        var kinds = new HashSet<SourceKind>();

        for (var i = 0; i < bodies.Count; i++)
        {
            var original = Parse(bodies[i]);
            var shifted = Parse(times.Shift(bodies[i], i, pass, ref buffer));

            Assert.Equal(original.Count, shifted.Count);
            for (var j = 0; j < original.Count; j++)
            {
                Assert.Equal(original[j].Timestamp + times.Span * pass, shifted[j].Timestamp);
                Assert.Equal((original[j].Source, original[j].SourceIp, original[j].UserName, original[j].Outcome),
                    (shifted[j].Source, shifted[j].SourceIp, shifted[j].UserName, shifted[j].Outcome));
                kinds.Add(shifted[j].Source);
            }
        }
        Assert.Equal([SourceKind.Sshd, SourceKind.Nginx], kinds.Order());
    }

    [Fact]
    public void A_shifted_body_leaves_the_corpus_unchanged_and_reuses_the_buffer()
    {
        var (bodies, times) = LoadCorpus.Generate(Lines, ips: 10, users: 4, Batch, seed: 7);
        var before = bodies.Select(b => b.ToArray()).ToList();
        byte[]? buffer = null;

        var first = times.Shift(bodies[0], 0, pass: 3, ref buffer);
        var second = times.Shift(bodies[1], 1, pass: 3, ref buffer);

        Assert.Same(first.Array, second.Array);
        Assert.Equal(bodies[1].Length, second.Count);
        Assert.Equal(before, bodies);
    }

    [Fact]
    public void Lines_wrapped_one_per_analyze_request_move_the_same_way()
    {
        var (lines, times) = LoadCorpus.Generate(Lines, ips: 10, users: 4, batch: 1, seed: 7);
        var requests = lines.Select(LoadCorpus.AnalyzeRequest).ToList();
        var inRequests = times.In(lines, requests);
        byte[]? buffer = null;

        for (var i = 0; i < requests.Count; i++)
        {
            var shifted = inRequests.Shift(requests[i], i, pass: 5, ref buffer);
            var line = JsonDocument.Parse(shifted.AsMemory()).RootElement.GetProperty("log_line").GetString()!;

            Assert.Equal(Parse(lines[i]).Single().Timestamp + times.Span * 5, Parse(Encoding.UTF8.GetBytes(line)).Single().Timestamp);
        }
    }

    private static List<LogEvent> Parse(ArraySegment<byte> body) =>
        [.. Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => LineParsers.Parse(SourceKind.Auto, line, ReceivedAt))
            .Select(outcome => outcome.Event ?? throw new Xunit.Sdk.XunitException(outcome.Error))];
}

using Akka.Actor;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Parsing;
using SiemActors.Domain.Events;
using SiemActors.Actors.Tests.Support;
using Xunit;

namespace SiemActors.Actors.Tests.Ingress;

public sealed class BatchCollectorSpec : SiemTestKit
{
    private static IngestBatch Batch(int lines, SourceKind source = SourceKind.Auto) =>
        new([.. Enumerable.Range(0, lines).Select(i => new RawLine($"line {i}", source))], DateTimeOffset.UtcNow, VerdictDetail.None);

    [Fact]
    public void Splits_into_chunks_and_answers_only_when_every_accepted_event_is_scored()
    {
        var parsers = CreateTestProbe();
        var collector = Sys.ActorOf(BatchCollector.Props(Batch(BatchCollector.ChunkSize + 10), TestActor, parsers.Ref, TimeSpan.FromSeconds(10)));

        var c1 = parsers.ExpectMsg<ParseChunk>();
        var c2 = parsers.ExpectMsg<ParseChunk>();
        Assert.Equal(0, c1.StartIndex);
        Assert.Equal(BatchCollector.ChunkSize, c1.Lines.Count);
        Assert.Equal(BatchCollector.ChunkSize, c2.StartIndex);

        // Verdicts may overtake the parser's report: the collector must not answer early either way.
        collector.Tell(new EventsScored(200, 3, 1, []));
        collector.Tell(new ChunkParsed(255, [new RejectedLine(7, "bad")]));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        collector.Tell(new ChunkParsed(10, []));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        collector.Tell(new EventsScored(65, 0, 0, []));

        var result = ExpectMsg<BatchResult>();
        Assert.Equal(265, result.Accepted);
        Assert.Equal(3, result.Anomalies);
        Assert.Equal(1, result.Alerts);
        Assert.Equal(7, Assert.Single(result.Rejected).Index);
    }

    [Fact]
    public void A_source_change_starts_a_new_chunk()
    {
        var parsers = CreateTestProbe();
        var batch = new IngestBatch([new RawLine("a", SourceKind.Sshd), new RawLine("b", SourceKind.Nginx)], DateTimeOffset.UtcNow, VerdictDetail.None);
        Sys.ActorOf(BatchCollector.Props(batch, TestActor, parsers.Ref, TimeSpan.FromSeconds(10)));

        Assert.Equal(SourceKind.Sshd, parsers.ExpectMsg<ParseChunk>().Source);
        Assert.Equal(SourceKind.Nginx, parsers.ExpectMsg<ParseChunk>().Source);
    }

    [Fact]
    public void Answers_batch_failed_when_verdicts_do_not_arrive_in_time()
    {
        var parsers = CreateTestProbe();
        var collector = Sys.ActorOf(BatchCollector.Props(Batch(3), TestActor, parsers.Ref, TimeSpan.FromMilliseconds(500)));
        parsers.ExpectMsg<ParseChunk>();
        collector.Tell(new ChunkParsed(3, []));
        collector.Tell(new EventsScored(2, 0, 0, []));

        var failed = ExpectMsg<BatchFailed>(TimeSpan.FromSeconds(5));
        Assert.Contains("2 of 3", failed.Reason);
    }
}

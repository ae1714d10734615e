using Akka.Actor;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Parsing;
using SiemActors.Actors.Scoring;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Actors.Tests.Support;
using Xunit;

namespace SiemActors.Actors.Tests.Parsing;

public sealed class ParserActorSpec : SiemTestKit
{
    private const string Failed = "Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2";

    [Fact]
    public void Fans_out_one_message_per_ip_partition_and_reports_rejected_lines_with_their_batch_index()
    {
        var ips = CreateTestProbe();
        var users = CreateTestProbe();
        var scorers = CreateTestProbe();
        var collector = CreateTestProbe();
        var parser = Sys.ActorOf(ParserActor.Props(ips.Ref, users.Ref, scorers.Ref, Partitions, Partitions));

        string[] lines = [Failed, "\u0001\u0002 binary garbage", Failed.Replace("03:45:12", "03:45:13"),
            "Jan 13 03:45:14 server sshd[1234]: Failed password for root from 203.0.113.9 port 22 ssh2"];
        parser.Tell(new ParseChunk(collector.Ref, SourceKind.Auto, 100, lines, TestEventsNow, VerdictDetail.None));

        var parsed = collector.ExpectMsg<ChunkParsed>();
        Assert.Equal(3, parsed.Accepted);
        var rejected = Assert.Single(parsed.Rejected);
        Assert.Equal(101, rejected.Index);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Error));

        // The two IPs fall in different partitions (of the 64 here): one message each, with that IP's lines in order.
        Assert.NotEqual(Partitions.IdOf("45.142.212.61"), Partitions.IdOf("203.0.113.9"));
        var first = ips.ExpectMsg<IpEvents>();
        var second = ips.ExpectMsg<IpEvents>();
        var byPartition = new[] { first, second }.ToDictionary(m => m.Partition);
        var attacker = byPartition[Partitions.IdOf("45.142.212.61")];
        var other = byPartition[Partitions.IdOf("203.0.113.9")];
        Assert.Equal([100, 102], attacker.Items.Select(i => i.Index));
        Assert.All(attacker.Items, i => Assert.Equal("45.142.212.61", i.Event.SourceIp));
        Assert.Equal([103], other.Items.Select(i => i.Index));
        Assert.Equal(collector.Ref, first.ReplyTo);
        // Event-only features are filled before the entities see the event.
        Assert.Equal(3, attacker.Items[0].Features[FeatureNames.Hour]);
        Assert.Equal(1, other.Items[0].Features[FeatureNames.IsPrivilegedUser]);
        users.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        scorers.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Events_without_an_ip_go_to_the_user_entity()
    {
        var ips = CreateTestProbe();
        var users = CreateTestProbe();
        var scorers = CreateTestProbe();
        var collector = CreateTestProbe();
        var parser = Sys.ActorOf(ParserActor.Props(ips.Ref, users.Ref, scorers.Ref, Partitions, Partitions));

        const string sudo = "Jan 13 03:46:01 server sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls";
        parser.Tell(new ParseChunk(collector.Ref, SourceKind.Auto, 0, [sudo], TestEventsNow, VerdictDetail.None));

        Assert.Equal(1, collector.ExpectMsg<ChunkParsed>().Accepted);
        var m = users.ExpectMsg<UserEvents>();
        Assert.Equal(Partitions.IdOf("alice"), m.Partition);
        Assert.Equal("alice", Assert.Single(m.Items).Event.UserName);
        ips.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private static readonly EntityPartitioner Partitions = new(64);
    private static readonly DateTimeOffset TestEventsNow = new(2026, 1, 14, 0, 0, 0, TimeSpan.Zero);
}

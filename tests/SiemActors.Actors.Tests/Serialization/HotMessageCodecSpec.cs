using System.Reflection;
using System.Runtime.Serialization;
using Akka.Serialization;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Serialization;

/// <summary>The binary form of the per-event messages: lossless, compact, and safe on corrupt input.</summary>
public sealed class HotMessageCodecSpec() : SiemTestKit(PersistenceConfig.Sqlite(":memory:"))
{
    /// <summary>Every settable property of <see cref="LogEvent"/> given a distinct non-default value, so a field added later and forgotten by the codec fails here.</summary>
    private static LogEvent EveryFieldSet()
    {
        var ev = new LogEvent { Timestamp = new DateTimeOffset(2026, 3, 1, 10, 15, 30, 123, TimeSpan.FromHours(5.5)), Source = SourceKind.Nginx };
        var n = 0;
        foreach (var p in typeof(LogEvent).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            n++;
            object? value = p.PropertyType switch
            {
                var t when t == typeof(string) => $"{p.Name}-value-ü{n}",
                var t when t == typeof(int?) => 1000 + n,
                var t when t == typeof(long?) => 5_000_000_000L + n,
                var t when t == typeof(EventCategory) => EventCategory.Web,
                var t when t == typeof(EventOutcome) => EventOutcome.Failure,
                var t when t == typeof(SourceKind) || t == typeof(DateTimeOffset) => p.GetValue(ev),
                var t => throw new InvalidOperationException($"no sample value for {p.Name} ({t.Name}): teach this test and the codec"),
            };
            p.SetValue(ev, value);
        }
        return ev;
    }

    private (byte[] Bytes, object Back) RoundTrip(object message)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        return (bytes, serializer.FromBinary(bytes, serializer.Manifest(message)));
    }

    [Fact]
    public void Ip_events_keep_every_event_field_index_vector_and_reply_address()
    {
        var full = EveryFieldSet();
        var sparse = TestEvents.FailedLogin("45.142.212.61", "root", TestEvents.T0);
        float[] vector = [.. Enumerable.Range(0, FeatureNames.Count).Select(i => i * 0.25f - 3)];
        var message = new IpEvents("45.142.212.61", TestActor, VerdictDetail.Anomalies, [new EntityItem(7, full, vector), new EntityItem(-1, sparse, FeatureNames.NewVector())]);

        var back = Assert.IsType<IpEvents>(RoundTrip(message).Back);

        Assert.Equal(("45.142.212.61", VerdictDetail.Anomalies), (back.Partition, back.Detail));
        Assert.Equal(TestActor, back.ReplyTo);
        Assert.Equal(full, back.Items[0].Event);
        Assert.Equal(full.Timestamp.Offset, back.Items[0].Event.Timestamp.Offset);
        Assert.Equal(sparse, back.Items[1].Event);
        Assert.Equal([7, -1], back.Items.Select(i => i.Index));
        Assert.Equal(vector, back.Items[0].Features);
    }

    [Fact]
    public void Events_scored_keep_counts_and_whole_verdicts()
    {
        var verdict = new Verdict
        {
            IsAnomaly = true, RiskScore = 0.9375, Level = RiskLevel.Critical, Action = RecommendedAction.LockAccount,
            Reasons = ["first", "second"], ModelScores = [new ModelScore("forest", 0.5), new ModelScore("rules", 0.99)],
            Rules = [new RuleHit("brute_force", RiskLevel.High, "15 failures")], Features = [1.5f, -2f, 0f],
        };
        var message = new EventsScored(40, 3, 1, [new IndexedVerdict(12, EveryFieldSet(), verdict)]);

        var back = Assert.IsType<EventsScored>(RoundTrip(message).Back);

        Assert.Equal((40, 3, 1), (back.Scored, back.Anomalies, back.Alerts));
        var v = Assert.Single(back.Verdicts);
        Assert.Equal(12, v.Index);
        Assert.Equal(message.Verdicts[0].Event, v.Event);
        Assert.Equal((true, 0.9375, RiskLevel.Critical, RecommendedAction.LockAccount), (v.Verdict.IsAnomaly, v.Verdict.RiskScore, v.Verdict.Level, v.Verdict.Action));
        Assert.Equal(verdict.Reasons, v.Verdict.Reasons);
        Assert.Equal(verdict.ModelScores, v.Verdict.ModelScores);
        Assert.Equal(verdict.Rules, v.Verdict.Rules);
        Assert.Equal(verdict.Features, v.Verdict.Features);
    }

    [Fact]
    public void Strings_repeated_within_a_message_are_written_once()
    {
        var agent = new string('A', 200);
        List<EntityItem> Items(string? userAgent) => Enumerable.Range(0, 50)
            .Select(i => new EntityItem(i, TestEvents.WebRequest("198.51.100.7", "/", 200, TestEvents.T0.AddSeconds(i)) with { UserAgent = userAgent, Original = null }, FeatureNames.NewVector()))
            .ToList();

        var (bytes, back) = RoundTrip(new UserEvents("alice", TestActor, VerdictDetail.None, Items(agent)));
        var (withoutAgent, _) = RoundTrip(new UserEvents("alice", TestActor, VerdictDetail.None, Items(null)));

        // Once in full, then a two-byte reference per further event.
        Assert.InRange(bytes.Length - withoutAgent.Length, agent.Length, agent.Length + 2 + 49 * 3);
        Assert.All(((UserEvents)back).Items, i => Assert.Equal(agent, i.Event.UserAgent));
    }

    [Fact]
    public void Truncated_or_corrupted_payloads_fail_as_serialization_errors_only()
    {
        var message = new IpEvents("45.142.212.61", TestActor, VerdictDetail.All,
            [new EntityItem(1, EveryFieldSet(), FeatureNames.NewVector()), new EntityItem(2, TestEvents.FailedLogin("45.142.212.61", "root", TestEvents.T0), FeatureNames.NewVector())]);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        var manifest = serializer.Manifest(message);

        for (var length = 0; length < bytes.Length; length++)
            Assert.Throws<SerializationException>(() => serializer.FromBinary(bytes[..length], manifest));

        var random = new Random(7);
        for (var round = 0; round < 2_000; round++)
        {
            var corrupt = (byte[])bytes.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            try
            {
                serializer.FromBinary(corrupt, manifest);
            }
            catch (SerializationException)
            {
                // the only acceptable failure
            }
        }
    }
}

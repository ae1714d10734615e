using Akka.Actor;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Serialization;
using SiemActors.Actors.Tests.Support;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Actors.Tests.Serialization;

public sealed class SiemMessageSerializerSpec() : SiemTestKit(PersistenceConfig.Sqlite(":memory:"))
{
    private static readonly Verdict SampleVerdict = new()
    {
        IsAnomaly = true, RiskScore = 0.93, Level = RiskLevel.Critical, Action = RecommendedAction.BlockIp,
        Reasons = ["20 failed logins from this IP in the last minute"], ModelScores = [new ModelScore("pca", 0.7), new ModelScore("rules", 0.95)],
        Rules = [new RuleHit("brute_force", RiskLevel.Critical, "brute force")], Features = FeatureNames.NewVector(),
    };

    public static TheoryData<string> Manifests() => [.. SiemMessageSerializer.MessageTypes.Select(t => t.Name)];

    private object Sample(string typeName)
    {
        var ev = TestEvents.FailedLogin("45.142.212.61", "admin", TestEvents.T0);
        var item = new EntityItem(3, ev, [.. Enumerable.Range(0, FeatureNames.Count).Select(i => (float)i / 3)]);
        var incident = IncidentState.Open(AlertCandidate.From(ev, SampleVerdict));
        var seen = new SeenValue("admin", TestEvents.T0, TestEvents.T0.AddMinutes(1), 4);
        return typeName switch
        {
            nameof(IpEvents) => new IpEvents("45.142.212.61", TestActor, VerdictDetail.Anomalies, [item]),
            nameof(UserEvents) => new UserEvents("admin", TestActor, VerdictDetail.All, [item]),
            nameof(GetIpProfile) => new GetIpProfile("45.142.212.61"),
            nameof(GetPartitionStats) => new GetPartitionStats("17"),
            nameof(PartitionStats) => new PartitionStats("17", 1200, 3, 40),
            nameof(GetUserProfile) => new GetUserProfile("admin"),
            nameof(IpProfile) => new IpProfile("45.142.212.61", 4, TestEvents.T0, null, new Dictionary<string, long> { ["failures_1m"] = 4 }, [seen], []),
            nameof(UserProfile) => new UserProfile("admin", TestEvents.T0, null, null, "DE", 4, true, [seen], [], [.. new int[24]]),
            nameof(ChunkParsed) => new ChunkParsed(5, [new RejectedLine(2, "unrecognised sshd message")]),
            nameof(EventsScored) => new EventsScored(1, 1, 1, [new IndexedVerdict(3, ev, SampleVerdict)]),
            nameof(AlertCandidate) => AlertCandidate.From(ev, SampleVerdict),
            nameof(AlertDeliveryEnded) => new AlertDeliveryEnded("ip:45.142.212.61", incident.AlertId, 1, false, "HTTP 404", "slack"),
            nameof(IncidentRecorded) => new IncidentRecorded(incident, true),
            nameof(IncidentDelivered) => new IncidentDelivered(incident.AlertId, 1, true, null, "webhook"),
            nameof(AlertRecord) => new AlertRecord(incident, 1, null, "ip:45.142.212.61",
                new IncidentAcknowledged(incident.AlertId, "alice", TestEvents.T0, null, RiskLevel.High),
                new Dictionary<string, ChannelDelivery> { ["slack"] = new(1, true, null) }),
            nameof(IpEntitySnapshot) => new IpEntitySnapshot(3, SampleIpState(ev)),
            nameof(UserEntitySnapshot) => new UserEntitySnapshot(2, SampleUserState(ev)),
            nameof(AlertResolveEnded) => new AlertResolveEnded("ip:45.142.212.61", incident.AlertId, "pagerduty", true, null),
            nameof(AcknowledgeIncident) => new AcknowledgeIncident("ip:45.142.212.61", incident.AlertId, "alice", "blocked at the firewall"),
            nameof(IncidentAckResult) => new IncidentAckResult(incident.AlertId, AckOutcome.Acknowledged,
                new IncidentAcknowledged(incident.AlertId, "alice", TestEvents.T0, null, RiskLevel.High)),
            nameof(IncidentAcknowledged) => new IncidentAcknowledged(incident.AlertId, "alice", TestEvents.T0, "looking", RiskLevel.Critical),
            nameof(IncidentResolved) => new IncidentResolved(incident.AlertId, "pagerduty", false, "HTTP 400"),
            nameof(ResumeDeliveries) => new ResumeDeliveries("ip:45.142.212.61"),
            nameof(RetryIncident) => new RetryIncident("ip:45.142.212.61", incident, Deliver: true, Attempt: 3),
            nameof(AlertsSuppressed) => new AlertsSuppressed("brute_force", "network", 20, TestEvents.T0, TestEvents.T0.AddSeconds(19)),
            _ => throw new ArgumentException($"no sample for {typeName}: add one"),
        };
    }

    private static Domain.Entities.IpBehaviourSnapshot SampleIpState(Domain.Events.LogEvent ev)
    {
        var ip = new Domain.Entities.IpBehaviour();
        ip.Observe(ev, FeatureNames.NewVector());
        ip.Observe(TestEvents.WebRequest("45.142.212.61", "/wp-login.php?x=1", 404, TestEvents.T0.AddMinutes(2)), FeatureNames.NewVector());
        return ip.ToSnapshot();
    }

    private static Domain.Entities.UserBehaviourSnapshot SampleUserState(Domain.Events.LogEvent ev)
    {
        var user = new Domain.Entities.UserBehaviour();
        user.Observe(ev with { SourceCountry = "NL" }, FeatureNames.NewVector());
        user.Observe(TestEvents.Login("10.0.0.5", "admin", TestEvents.T0.AddMinutes(1)) with { SourceCountry = "DE" }, FeatureNames.NewVector());
        return user.ToSnapshot();
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Every_cross_node_message_round_trips_through_the_siem_serializer(string typeName)
    {
        var message = Sample(typeName);
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<SiemMessageSerializer>(serializer);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.Equal(message.GetType(), back.GetType());
        // Records compare lists by reference, so compare the serialized forms: a lossy round trip changes them.
        Assert.Equal(Convert.ToBase64String(bytes), Convert.ToBase64String(serializer.ToBinary(back)));
    }

    [Fact]
    public void Actor_refs_resolve_to_the_same_actor_after_a_round_trip()
    {
        var message = new IpEvents("1.2.3.4", TestActor, VerdictDetail.None, []);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);
        var back = (IpEvents)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
        Assert.Equal(TestActor, back.ReplyTo);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_with_its_name()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(new GetIpProfile("x"));
        var ex = Assert.ThrowsAny<Exception>(() => serializer.FromBinary([], "no-such-message"));
        Assert.Contains("no-such-message", ex.Message);
    }
}

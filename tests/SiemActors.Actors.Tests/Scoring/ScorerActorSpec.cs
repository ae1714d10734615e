using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Logging.Abstractions;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;
using SiemActors.Actors.Scoring;
using SiemActors.Actors.Tests.Support;
using SiemActors.Detection.Scoring;
using SiemActors.Domain.Entities;
using Xunit;

namespace SiemActors.Actors.Tests.Scoring;

public sealed class ScorerActorSpec : SiemTestKit
{
    [Fact]
    public void Scores_a_brute_force_as_an_alert_and_a_normal_login_as_allowed()
    {
        var alerts = CreateTestProbe();
        var options = new DetectionOptions();
        var models = new ModelProvider(TestModels.Small, NullLogger.Instance);
        var scorer = Sys.ActorOf(ScorerActor.Props(models, options, () => alerts.Ref));

        var extractor = new FeatureExtractor();
        var items = new List<EntityItem>();
        for (var i = 0; i < 20; i++)
            items.Add(new EntityItem(i, TestEvents.FailedLogin("45.142.212.61", "admin", TestEvents.T0.AddSeconds(i * 2)), null!));
        items.Add(new EntityItem(20, TestEvents.WebRequest("10.0.1.4", "/page/3", 200, TestEvents.T0.AddHours(8)), null!));
        items = items.Select(i => i with { Features = extractor.Extract(i.Event) }).ToList();

        scorer.Tell(new ScoreEvents(TestActor, VerdictDetail.All, items));

        var scored = ExpectMsg<EventsScored>();
        Assert.Equal(21, scored.Scored);
        Assert.Equal(21, scored.Verdicts.Count);
        var last = scored.Verdicts.Single(v => v.Index == 19).Verdict;
        Assert.True(last.IsAnomaly);
        Assert.True(last.RiskScore >= options.AlertThreshold);
        Assert.Contains(last.Reasons, r => r.Contains("failed login", StringComparison.OrdinalIgnoreCase));
        var normal = scored.Verdicts.Single(v => v.Index == 20).Verdict;
        Assert.False(normal.IsAnomaly);

        // Every alert-worthy verdict goes to the alert entity of the attacking IP.
        var candidate = alerts.ExpectMsg<AlertCandidate>();
        Assert.Equal("ip:45.142.212.61", candidate.EntityId);
        Assert.Equal(scored.Alerts, 1 + alerts.ReceiveWhile(TimeSpan.FromMilliseconds(300), m => m as AlertCandidate).Count);
    }

    [Fact]
    public void Without_requested_detail_only_counts_travel_back()
    {
        var models = new ModelProvider(TestModels.Small, NullLogger.Instance);
        var scorer = Sys.ActorOf(ScorerActor.Props(models, new DetectionOptions(), () => CreateTestProbe().Ref));
        var ev = TestEvents.WebRequest("10.0.1.4", "/page/3", 200, TestEvents.T0.AddHours(8));

        scorer.Tell(new ScoreEvents(TestActor, VerdictDetail.None, [new EntityItem(0, ev, new FeatureExtractor().Extract(ev))]));

        var scored = ExpectMsg<EventsScored>();
        Assert.Equal(1, scored.Scored);
        Assert.Empty(scored.Verdicts);
    }
}

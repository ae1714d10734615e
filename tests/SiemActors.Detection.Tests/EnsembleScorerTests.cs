using SiemActors.Detection.Scoring;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Detection.Tests;

public class EnsembleScorerTests
{
    private static readonly DetectionOptions Options = new();

    [Fact]
    public void Brute_force_vector_is_an_alert_with_reasons_and_every_model_score()
    {
        var scorer = TestVectors.Model.CreateScorer(Options);
        var features = TestVectors.Vector((FeatureNames.FailedLogins1m, 20), (FeatureNames.FailedAuthRate, 1), (FeatureNames.LoginAttempts, 20));
        var verdict = scorer.Score(TestVectors.SshEvent(), features);

        Assert.True(verdict.IsAnomaly);
        Assert.True(verdict.RiskScore >= Options.AlertThreshold, $"risk {verdict.RiskScore}");
        Assert.InRange(verdict.RiskScore, 0, 1);
        Assert.True(verdict.Level >= RiskLevel.High);
        Assert.Equal(RecommendedAction.BlockIp, verdict.Action);
        Assert.Contains(verdict.Reasons, r => r.Contains("20 failed logins from this IP in the last minute"));
        Assert.Equal(["isolation_forest", "pca", "density", "rules"], verdict.ModelScores.Select(s => s.Model));
        Assert.All(verdict.ModelScores, s => Assert.InRange(s.Score, 0, 1));
        Assert.Contains(verdict.Rules, r => r.Rule == "brute_force");
        Assert.Same(features, verdict.Features);
    }

    [Fact]
    public void Models_alone_flag_a_vector_far_from_normal_and_explain_it()
    {
        var scorer = TestVectors.Model.CreateScorer(Options);
        var features = FarFromNormalWebVector();
        var verdict = scorer.Score(TestVectors.WebEvent("/export"), features);

        Assert.Empty(verdict.Rules);
        Assert.True(verdict.IsAnomaly, $"risk {verdict.RiskScore}; {string.Join(", ", verdict.ModelScores)}");
        Assert.All(verdict.ModelScores.Take(3), s => Assert.True(s.Score > 0.95, $"{s.Model} = {s.Score}"));
        Assert.Contains(verdict.Reasons, r => r.StartsWith("bytes = ") && r.Contains("x the training mean"));
        Assert.Contains(verdict.Reasons, r => r.StartsWith("distinct_paths_10m = 400"));
        // Models without a rule: watch it at medium, hand it to an analyst at high; never an automatic block.
        var expected = verdict.Level >= RiskLevel.High ? RecommendedAction.Investigate : RecommendedAction.Monitor;
        Assert.Equal(expected, verdict.Action);
        // By default the models alone stop short of an alert (ModelRiskCeiling < AlertThreshold).
        Assert.True(verdict.RiskScore <= Options.ModelRiskCeiling);
        Assert.True(verdict.RiskScore < Options.AlertThreshold);
    }

    [Fact]
    public void Without_explain_an_anomaly_below_the_alert_threshold_is_scored_the_same_but_not_worded_and_an_alert_still_is()
    {
        var scorer = TestVectors.Model.CreateScorer(Options);
        var features = FarFromNormalWebVector();
        var explained = scorer.Score(TestVectors.WebEvent("/export"), features);
        var counted = scorer.Score(TestVectors.WebEvent("/export"), features, explain: false);

        Assert.True(counted.IsAnomaly);
        Assert.True(counted.RiskScore < Options.AlertThreshold);
        Assert.Equal(explained.RiskScore, counted.RiskScore);
        Assert.Equal((explained.Level, explained.Action), (counted.Level, counted.Action));
        Assert.NotEmpty(explained.Reasons);
        Assert.Empty(counted.Reasons);

        var bruteForce = TestVectors.Vector((FeatureNames.FailedLogins1m, 20), (FeatureNames.FailedAuthRate, 1), (FeatureNames.LoginAttempts, 20));
        var alert = scorer.Score(TestVectors.SshEvent(), bruteForce, explain: false);
        Assert.True(alert.RiskScore >= Options.AlertThreshold);
        Assert.Contains(alert.Reasons, r => r.Contains("20 failed logins from this IP in the last minute"));
    }

    [Fact]
    public void The_model_ceiling_caps_what_the_models_alone_can_give()
    {
        var features = TestVectors.Normal(1, seed: 3)[0];
        features[FeatureNames.Bytes] = 2e9f;
        features[FeatureNames.DistinctPaths10m] = 400;
        features[FeatureNames.Requests1m] = 300;

        var capped = TestVectors.Model.CreateScorer(new DetectionOptions { ModelRiskCeiling = 0.3 }).Score(TestVectors.WebEvent("/export"), features);
        var free = TestVectors.Model.CreateScorer(new DetectionOptions { ModelRiskCeiling = 1.0 }).Score(TestVectors.WebEvent("/export"), features);

        Assert.Empty(free.Rules);
        Assert.Equal(0.3, capped.RiskScore, 9);
        Assert.True(free.RiskScore > 0.3, $"uncapped risk {free.RiskScore}");
    }

    [Fact]
    public void A_feature_constant_in_training_still_moves_the_pca_and_density_models()
    {
        // invalid_users_10m is 0 in every training row (variance 0): the normaliser must not erase it.
        var scorer = TestVectors.Model.CreateScorer(Options);
        var features = TestVectors.Normal(1, seed: 8)[0];
        features[FeatureNames.InvalidUsers10m] = 50;
        var (_, pca, density) = scorer.ScoreModels(features);
        Assert.True(pca > 0.99, $"pca {pca}");
        Assert.True(density > 0.99, $"density {density}");
    }

    [Fact]
    public void Normal_traffic_is_rarely_an_anomaly_and_never_an_alert_without_a_rule()
    {
        var scorer = TestVectors.Model.CreateScorer(Options);
        var rows = TestVectors.Normal(3000, seed: 1234);
        var anomalies = 0;
        var alerts = 0;
        foreach (var row in rows)
        {
            var v = scorer.Score(TestVectors.SshEvent(EventOutcome.Success), row);
            if (v.IsAnomaly) anomalies++;
            if (v.RiskScore >= Options.AlertThreshold) alerts++;
            if (!v.IsAnomaly) Assert.Empty(v.Reasons);
        }
        Assert.True(anomalies < rows.Count * 0.02, $"{anomalies} of {rows.Count} normal rows flagged");
        Assert.True(alerts < rows.Count * 0.005, $"{alerts} of {rows.Count} normal rows alerted");
    }

    [Fact]
    public void Success_after_many_failures_asks_for_the_account_to_be_secured()
    {
        var scorer = TestVectors.Model.CreateScorer(Options);
        var features = TestVectors.Vector((FeatureNames.SuccessAfterFailures, 30), (FeatureNames.LoginAttempts, 31), (FeatureNames.FailedAuthRate, 0.97f));
        var verdict = scorer.Score(TestVectors.SshEvent(EventOutcome.Success), features);
        Assert.Equal(RiskLevel.Critical, verdict.Level);
        Assert.Equal(RecommendedAction.LockAccount, verdict.Action);
        Assert.Contains(verdict.Reasons, r => r.Contains("after 30 failed attempts"));

        var mild = scorer.Score(TestVectors.SshEvent(EventOutcome.Success), TestVectors.Vector((FeatureNames.TravelSpeedKmh, 2000), (FeatureNames.IsKnownIp, 1), (FeatureNames.IsKnownCountry, 1)));
        Assert.Contains(mild.Action, new[] { RecommendedAction.RequireMfa, RecommendedAction.LockAccount });
    }

    [Fact]
    public void Levels_follow_the_configured_bands()
    {
        var o = new DetectionOptions();
        Assert.Equal(RiskLevel.Low, RiskPolicy.LevelOf(0.39, o));
        Assert.Equal(RiskLevel.Medium, RiskPolicy.LevelOf(0.4, o));
        Assert.Equal(RiskLevel.High, RiskPolicy.LevelOf(0.7, o));
        Assert.Equal(RiskLevel.Critical, RiskPolicy.LevelOf(0.95, o));
        Assert.Equal(0.7, RiskPolicy.Combine(0, 0.7));
        Assert.True(RiskPolicy.Combine(0.5, 0.7) > 0.7);
    }

    [Fact]
    public void Scorers_on_several_threads_agree_with_one_scorer()
    {
        var rows = TestVectors.Normal(400, seed: 77);
        var ev = TestVectors.SshEvent();
        var expected = rows.Select(r => TestVectors.Model.CreateScorer(Options).Score(ev, r).RiskScore).ToArray();
        var actual = new double[rows.Count];
        Parallel.For(0, 4, worker =>
        {
            var scorer = TestVectors.Model.CreateScorer(Options);
            for (var i = worker; i < rows.Count; i += 4) actual[i] = scorer.Score(ev, rows[i]).RiskScore;
        });
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_batch_gets_the_verdicts_of_one_event_at_a_time()
    {
        var scorer = TestVectors.Model.CreateScorer(Options);
        var rng = new Random(3);
        var events = new List<LogEvent>();
        var features = new List<float[]>();
        for (var i = 0; i < 150; i++)
        {
            // Normal traffic, with a brute force and a vector far from normal among it.
            var (ev, f) = i switch
            {
                17 => (TestVectors.SshEvent(), TestVectors.Vector((FeatureNames.FailedLogins1m, 20), (FeatureNames.FailedAuthRate, 1), (FeatureNames.LoginAttempts, 20))),
                90 => (TestVectors.WebEvent("/export"), FarFromNormalWebVector()),
                _ => (i % 3 == 0 ? TestVectors.SshEvent(EventOutcome.Success) : TestVectors.WebEvent("/products/" + i), TestVectors.NormalRow(rng)),
            };
            events.Add(ev);
            features.Add(f);
        }
        var verdicts = new Verdict[events.Count];

        scorer.Score(events.ToArray(), features.ToArray(), verdicts, explain: true);

        for (var i = 0; i < events.Count; i++)
        {
            var one = scorer.Score(events[i], features[i], explain: true);
            Assert.Equal(one.RiskScore, verdicts[i].RiskScore);
            Assert.Equal(one.Level, verdicts[i].Level);
            Assert.Equal(one.Action, verdicts[i].Action);
            Assert.Equal(one.Reasons, verdicts[i].Reasons);
            Assert.Equal(one.ModelScores.Select(s => s.Score), verdicts[i].ModelScores.Select(s => s.Score));
            Assert.Same(features[i], verdicts[i].Features);
        }
        Assert.Contains(verdicts[17].Rules, r => r.Rule == "brute_force");
        Assert.True(verdicts[90].IsAnomaly);
    }

    [Fact]
    public void A_batch_with_a_wrong_vector_length_is_rejected()
    {
        var scorer = TestVectors.Model.CreateScorer(Options);
        var events = new[] { TestVectors.SshEvent(), TestVectors.SshEvent() };
        Assert.Throws<ArgumentException>(() => scorer.Score(events, [new float[FeatureNames.Count], new float[3]], new Verdict[2], explain: false));
        Assert.Throws<ArgumentException>(() => scorer.Score(events, [new float[FeatureNames.Count]], new Verdict[2], explain: false));
    }

    [Fact]
    public void Wrong_vector_length_is_rejected()
    {
        var scorer = TestVectors.Model.CreateScorer(Options);
        var ex = Assert.Throws<ArgumentException>(() => scorer.Score(TestVectors.SshEvent(), new float[5]));
        Assert.Contains("expected 29 features", ex.Message);
    }

    /// <summary>Nothing a rule looks at; a 3 a.m. web request moving 2 GB and touching 400 paths.</summary>
    private static float[] FarFromNormalWebVector()
    {
        var features = TestVectors.Normal(1, seed: 3)[0];
        features[FeatureNames.Hour] = 3;
        features[FeatureNames.IsBusinessHours] = 0;
        features[FeatureNames.Bytes] = 2e9f;
        features[FeatureNames.DistinctPaths10m] = 400;
        features[FeatureNames.Requests1m] = 300;
        return features;
    }
}

using SiemActors.Detection.Models;
using SiemActors.Detection.Scoring;
using Xunit;

namespace SiemActors.Detection.Tests;

public class CalibrationTests
{
    [Fact]
    public void Calibration_is_monotone_and_within_zero_and_one()
    {
        var rng = new Random(5);
        var scores = Enumerable.Range(0, 5000).Select(_ => (float)Math.Exp(rng.NextDouble() * 4)).ToArray();
        var calibrator = EmpiricalCalibrator.Fit(scores, 1000);
        var previous = -1.0;
        for (var x = -1f; x < 80f; x += 0.01f)
        {
            var p = calibrator.Calibrate(x);
            Assert.InRange(p, 0.0, 1.0);
            Assert.True(p >= previous, $"not monotone at {x}: {p} < {previous}");
            previous = p;
        }
        Assert.Equal(0.0, calibrator.Calibrate(0.5f));
        Assert.Equal(1.0, calibrator.Calibrate(1000f));
        Assert.Equal(1.0, calibrator.Calibrate(float.NaN));
    }

    [Fact]
    public void Calibrated_value_is_the_fraction_of_training_scores_below()
    {
        var scores = Enumerable.Range(0, 10_001).Select(i => i / 10_000f).ToArray();   // uniform 0..1
        var calibrator = EmpiricalCalibrator.Fit(scores, 1000);
        foreach (var x in new[] { 0.1f, 0.5f, 0.9f, 0.99f, 0.999f })
        {
            Assert.Equal(x, calibrator.Calibrate(x), 3);
        }
    }

    [Fact]
    public void Ties_in_training_scores_stay_monotone()
    {
        var scores = Enumerable.Repeat(2f, 900).Concat(Enumerable.Range(0, 100).Select(i => 3f + i)).ToArray();
        var calibrator = EmpiricalCalibrator.Fit(scores, 1000);
        Assert.Equal(0.0, calibrator.Calibrate(1.9f));
        Assert.InRange(calibrator.Calibrate(2f), 0.89, 0.91);
        Assert.True(calibrator.Calibrate(50f) > calibrator.Calibrate(2.5f));
        Assert.Equal(1.0, calibrator.Calibrate(102f));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Calibrate_equals_a_linear_scan_of_the_quantiles(int steps)
    {
        var rng = new Random(steps);
        // Quantiles with runs of ties, as a model that scores many rows alike produces.
        var q = new float[steps + 1];
        q[0] = (float)rng.NextDouble();
        for (var i = 1; i <= steps; i++) q[i] = q[i - 1] + (rng.Next(4) == 0 ? 0f : (float)rng.NextDouble());
        var calibrator = new EmpiricalCalibrator(q);
        for (var k = 0; k < 5000; k++)
        {
            var raw = k % 5 == 0 ? q[rng.Next(q.Length)] : q[0] + (float)(rng.NextDouble() * 1.1 * (q[steps] - q[0]));
            Assert.Equal(LinearScan(q, raw), calibrator.Calibrate(raw));
        }
    }

    private static double LinearScan(float[] q, float raw)
    {
        var steps = q.Length - 1;
        if (raw < q[0]) return 0.0;
        if (raw >= q[steps]) return 1.0;
        var lo = 0;
        while (q[lo + 1] <= raw) lo++;
        var width = q[lo + 1] - q[lo];
        return (lo + (width > 0 ? (raw - q[lo]) / width : 0f)) / steps;
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.9, 1.0 / 3)]
    [InlineData(0.99, 2.0 / 3)]
    [InlineData(0.999, 1.0)]
    [InlineData(1.0, 1.0)]
    public void Tail_evidence_grows_by_decades_of_rarity(double p, double expected)
    {
        Assert.Equal(expected, RiskPolicy.TailEvidence(p), 6);
    }

    [Fact]
    public void Trained_model_calibrates_its_own_normal_traffic_to_roughly_uniform()
    {
        var scorer = TestVectors.Model.CreateScorer(new DetectionOptions());
        var fresh = TestVectors.Normal(2000, seed: 99);
        var forest = fresh.Select(r => scorer.ScoreModels(r).Forest).ToArray();
        var density = fresh.Select(r => scorer.ScoreModels(r).Density).ToArray();
        // Fresh normal rows: the median near 0.5 and few beyond the 99th percentile.
        Assert.InRange(Median(forest), 0.35, 0.65);
        Assert.InRange(Median(density), 0.35, 0.65);
        Assert.True(forest.Count(p => p >= 0.99) < 0.03 * fresh.Count);
        Assert.True(density.Count(p => p >= 0.99) < 0.03 * fresh.Count);
    }

    private static double Median(double[] xs)
    {
        var sorted = xs.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

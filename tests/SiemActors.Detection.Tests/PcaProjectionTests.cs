using SiemActors.Detection.Models;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Detection.Tests;

public class PcaProjectionTests
{
    [Fact]
    public void The_direct_projection_scores_bit_for_bit_as_the_PredictionEngine_did_also_after_a_reload()
    {
        var scaler = FeatureScaler.Fit(TestVectors.Normal(2000, seed: 5));
        var training = TestVectors.Normal(2000, seed: 6).Select(r => Scale(scaler, r)).ToList();
        var fitted = PcaDetector.Fit(training, 8, 42);
        using var file = new MemoryStream();
        fitted.Save(file);
        file.Position = 0;
        var loaded = PcaDetector.Load(file);

        foreach (var detector in new[] { fitted, loaded })
        {
            Assert.True(detector.HasProjection, detector == fitted ? "fitted" : "loaded");
            var direct = detector.CreateEngine();
            var reference = detector.CreatePredictionEngine();
            foreach (var x in Inputs(scaler))
            {
                var expected = reference.Score(x);
                var actual = direct.Score(x);
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
                    $"engine {expected:R}, projection {actual:R} for [{string.Join(", ", x)}]");
            }
        }
    }

    /// <summary>Normal rows, random scaled vectors of every magnitude, the training mean itself and all zeros.</summary>
    private static IEnumerable<float[]> Inputs(FeatureScaler scaler)
    {
        foreach (var row in TestVectors.Normal(2000, seed: 11)) yield return Scale(scaler, row);
        var rng = new Random(3);
        for (var i = 0; i < 3000; i++)
        {
            var x = new float[FeatureNames.Count];
            var magnitude = Math.Pow(10, rng.Next(-3, 5));
            for (var f = 0; f < x.Length; f++) x[f] = (float)((rng.NextDouble() * 2 - 1) * magnitude);
            yield return x;
        }
        yield return new float[FeatureNames.Count];
    }

    private static float[] Scale(FeatureScaler scaler, float[] row)
    {
        var z = new float[row.Length];
        scaler.Transform(row, z);
        return z;
    }
}

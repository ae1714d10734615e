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

    [Fact]
    public void The_one_pass_dot_products_round_as_TensorPrimitives_does_for_every_supported_length()
    {
        var rng = new Random(17);
        for (var dimension = 8; dimension <= 64; dimension++)
        {
            if (!PcaDots.Supported(dimension)) return;   // another vector width: the projection calls TensorPrimitives itself
            var rows = Enumerable.Range(0, 9).Select(_ => RandomVector(rng, dimension)).ToArray();
            var dots = new PcaDots(rows, dimension);
            var sums = new float[rows.Length + 1];
            for (var i = 0; i < 200; i++)
            {
                var x = RandomVector(rng, dimension);
                dots.Compute(x, sums);
                Assert.Equal(BitConverter.SingleToInt32Bits(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<float>(x)), BitConverter.SingleToInt32Bits(sums[0]));
                for (var r = 0; r < rows.Length; r++)
                    Assert.Equal(BitConverter.SingleToInt32Bits(System.Numerics.Tensors.TensorPrimitives.Dot<float>(rows[r], x)), BitConverter.SingleToInt32Bits(sums[1 + r]));
            }
        }
    }

    private static float[] RandomVector(Random rng, int length)
    {
        var magnitude = Math.Pow(10, rng.Next(-3, 5));
        return Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() * 2 - 1) * magnitude)).ToArray();
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

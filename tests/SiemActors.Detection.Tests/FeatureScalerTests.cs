using SiemActors.Detection.Models;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Detection.Tests;

public class FeatureScalerTests
{
    [Fact]
    public void Transform_is_bit_for_bit_the_per_feature_formula()
    {
        var scaler = FeatureScaler.Fit(TestVectors.Normal(1000, seed: 4));
        var rng = new Random(9);
        var z = new float[FeatureNames.Count];
        for (var i = 0; i < 5000; i++)
        {
            var x = i < 1000 ? TestVectors.NormalRow(rng) : RandomRow(rng);
            scaler.Transform(x, z);
            for (var f = 0; f < FeatureNames.Count; f++)
            {
                var expected = (FeatureScaler.Warp(f, x[f]) - scaler.Mean[f]) / scaler.Std[f];
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(z[f]), $"feature {f}: {expected:R} vs {z[f]:R}");
            }
        }
    }

    [Fact]
    public void Warp_of_a_whole_count_is_the_log_it_always_was()
    {
        for (var k = -5; k < 3000; k++)
        {
            var x = (float)k;
            var expected = x == 0 ? 0f : x > 0 ? MathF.Log(1f + x) : -MathF.Log(1f - x);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(FeatureScaler.Warp(FeatureNames.Requests1m, x)));
        }
    }

    private static float[] RandomRow(Random rng)
    {
        var x = new float[FeatureNames.Count];
        for (var f = 0; f < x.Length; f++)
        {
            x[f] = rng.Next(8) switch
            {
                0 => 0f,
                1 => float.NaN,
                2 => rng.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity,
                3 => rng.Next(-3, 2000),
                _ => (float)((rng.NextDouble() * 2 - 1) * Math.Pow(10, rng.Next(-4, 10))),
            };
        }
        return x;
    }
}

using SiemActors.Detection.Models;
using Xunit;

namespace SiemActors.Detection.Tests;

public class GaussianMixtureTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(11)]   // a full block of eight components and a padded one
    public void Vectorised_score_is_bit_identical_to_the_one_component_loop(int components)
    {
        var rng = new Random(components);
        var rows = Enumerable.Range(0, 400).Select(_ => RandomRow(rng, 29, 1)).ToList();
        var mixture = GaussianMixture.Fit(rows, components, iterations: 10, seed: 5);
        Assert.Equal(components, mixture.Components);

        for (var i = 0; i < 2000; i++)
        {
            // Mostly near the data, some far out (large NLL), a few exactly on a mean.
            var z = i % 50 == 0 ? mixture.Means.AsSpan(0, 29).ToArray() : RandomRow(rng, 29, i % 7 == 0 ? 40 : 2);
            Assert.Equal(BitConverter.SingleToInt32Bits(ReferenceNll(mixture, z)), BitConverter.SingleToInt32Bits(mixture.Score(z)));
        }
    }

    [Fact]
    public void A_NaN_feature_scores_like_the_reference()
    {
        var rows = Enumerable.Range(0, 100).Select(i => RandomRow(new Random(i), 29, 1)).ToList();
        var mixture = GaussianMixture.Fit(rows, 8, iterations: 5, seed: 1);
        var z = RandomRow(new Random(3), 29, 1);
        z[4] = float.NaN;
        Assert.Equal(ReferenceNll(mixture, z), mixture.Score(z));
    }

    /// <summary>The mixture NLL written out from the public parameters, one component at a time.</summary>
    private static float ReferenceNll(GaussianMixture g, float[] z)
    {
        var d = g.Dimensions;
        var best = float.MaxValue;
        for (var k = 0; k < g.Components; k++)
        {
            double norm = -Math.Log(Math.Max(g.Weights[k], 1e-12));
            var acc = 0f;
            for (var f = 0; f < d; f++)
            {
                var v = Math.Max(g.Variances[k * d + f], GaussianMixture.VarianceFloor);
                norm += 0.5 * Math.Log(2 * Math.PI * v);
                var diff = z[f] - g.Means[k * d + f];
                acc += diff * diff * (1f / v);
            }
            var nll = (float)norm + 0.5f * acc;
            if (nll < best) best = nll;
        }
        return best;
    }

    private static float[] RandomRow(Random rng, int d, double scale)
    {
        var row = new float[d];
        for (var f = 0; f < d; f++) row[f] = (float)((rng.NextDouble() * 2 - 1) * scale);
        return row;
    }
}

using SiemActors.Detection.Models;
using Xunit;

namespace SiemActors.Detection.Tests;

/// <summary>
/// The interleaved, branch-free forest walk against a plain pointer-chasing walk written from the stored arrays
/// (the on-disk model format), on random forests with pass-through nodes, ties and NaN inputs.
/// </summary>
public class IsolationForestReferenceTests
{
    [Theory]
    [InlineData(100, 8, 1)]
    [InlineData(37, 8, 2)]   // not a multiple of the eight interleaved walks
    [InlineData(15, 5, 5)]   // a group of eight, one of four, three single walks
    [InlineData(5, 3, 3)]
    [InlineData(1, 1, 4)]
    public void Score_matches_a_plain_walk_over_the_stored_arrays(int trees, int depth, int seed)
    {
        const int featureCount = 29;
        var rng = new Random(seed);
        var internalNodes = (1 << depth) - 1;
        var features = new int[trees * internalNodes];
        var thresholds = new float[features.Length];
        var leafPaths = new float[trees * (1 << depth)];
        // Thresholds from a small grid so inputs often equal them (equal goes right); a quarter are pass-through (+inf).
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = rng.Next(featureCount);
            thresholds[i] = rng.Next(4) == 0 ? float.PositiveInfinity : rng.Next(-8, 9) * 0.5f;
        }
        for (var i = 0; i < leafPaths.Length; i++) leafPaths[i] = (float)(1 + rng.NextDouble() * 12);
        var forest = new IsolationForest(trees, depth, 256, featureCount, features, thresholds, leafPaths);
        var c = IsolationForest.AveragePathLength(256);

        for (var k = 0; k < 3000; k++)
        {
            var x = new float[featureCount];
            for (var f = 0; f < featureCount; f++)
            {
                x[f] = rng.Next(10) switch
                {
                    0 => float.NaN,
                    1 => float.PositiveInfinity,
                    < 6 => rng.Next(-8, 9) * 0.5f,
                    _ => (float)(rng.NextDouble() * 10 - 5),
                };
            }
            double sum = 0;
            for (var t = 0; t < trees; t++)
            {
                var node = 0;
                for (var d = 0; d < depth; d++)
                {
                    var at = t * internalNodes + node;
                    node = x[features[at]] >= thresholds[at] ? 2 * node + 2 : 2 * node + 1;
                }
                var path = leafPaths[t * (internalNodes + 1) + node - internalNodes];
                Assert.Equal(path, forest.PathLength(t, x));
                sum += path;
            }
            // The forest sums in float, eight trees at a time: equal to a double sum within float rounding.
            Assert.Equal(sum / trees, forest.AveragePath(x), 1e-5 * sum / trees);
            Assert.Equal(Math.Pow(2, -sum / trees / c), forest.Score(x), 1e-6);
        }
    }
}

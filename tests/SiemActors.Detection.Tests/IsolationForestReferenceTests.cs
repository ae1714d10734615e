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
        // Thresholds from a small grid so inputs often equal them (equal goes right); a quarter are pass-through (+inf).
        var (forest, features, thresholds, leafPaths) = TestVectors.RandomForest(trees, depth, featureCount, rng,
            r => r.Next(4) == 0 ? float.PositiveInfinity : r.Next(-8, 9) * 0.5f);
        var internalNodes = (1 << depth) - 1;
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

    /// <summary>
    /// The float sum of the leaves, bit for bit, in the order every version of the walk has added them: each whole
    /// group of eight trees summed left to right and then added, then the rest (at most one group of four, then single
    /// trees) added one by one. A faster walk must reach the same leaves and keep this order, or scores would move.
    /// </summary>
    [Theory]
    [InlineData(100, 8, 11)]
    [InlineData(37, 8, 12)]
    [InlineData(12, 8, 13)]
    [InlineData(3, 8, 14)]
    [InlineData(100, 6, 15)]
    public void Sum_is_bit_identical_to_the_grouped_float_sum(int trees, int depth, int seed)
    {
        const int featureCount = 29;
        var rng = new Random(seed);
        var (forest, features, thresholds, leafPaths) = TestVectors.RandomForest(trees, depth, featureCount, rng,
            r => r.Next(5) == 0 ? float.PositiveInfinity : (float)(r.NextDouble() * 10 - 5));
        var internalNodes = (1 << depth) - 1;
        var negInvTreesTimesC = -1.0 / (trees * IsolationForest.AveragePathLength(256));

        var leaf = new float[trees];
        for (var k = 0; k < 20_000; k++)
        {
            var x = new float[featureCount];
            for (var f = 0; f < featureCount; f++) x[f] = k % 97 == 0 && f % 7 == 0 ? float.NaN : (float)(rng.NextDouble() * 12 - 6);
            for (var t = 0; t < trees; t++)
            {
                var node = 0;
                for (var d = 0; d < depth; d++)
                {
                    var at = t * internalNodes + node;
                    node = x[features[at]] >= thresholds[at] ? 2 * node + 2 : 2 * node + 1;
                }
                leaf[t] = leafPaths[t * (internalNodes + 1) + node - internalNodes];
            }
            float sum = 0;
            var g = 0;
            for (; g + 8 <= trees; g += 8)
            {
                sum += leaf[g] + leaf[g + 1] + leaf[g + 2] + leaf[g + 3] + leaf[g + 4] + leaf[g + 5] + leaf[g + 6] + leaf[g + 7];
            }
            for (; g < trees; g++) sum += leaf[g];

            Assert.Equal((double)sum / trees, forest.AveragePath(x));
            Assert.Equal(Math.Exp(Math.Log(2) * sum * negInvTreesTimesC), forest.Score(x));
        }
    }

    /// <summary>
    /// The batch walk (tree-major) against one vector at a time, bit for bit, for batch sizes around its chunk of 128,
    /// forests that are and are not depth 8, with NaN and infinite inputs.
    /// </summary>
    [Theory]
    [InlineData(100, 8, 21, 1)]
    [InlineData(100, 8, 22, 7)]
    [InlineData(100, 8, 23, 300)]   // two whole chunks of 128 and a part
    [InlineData(37, 8, 24, 129)]    // trees left over for single walks
    [InlineData(3, 8, 25, 40)]      // fewer trees than a group of four
    [InlineData(100, 6, 26, 50)]    // not depth 8: one vector at a time
    public void Batch_scores_are_bit_identical_to_one_at_a_time(int trees, int depth, int seed, int batch)
    {
        const int featureCount = 29;
        var rng = new Random(seed);
        var (forest, _, _, _) = TestVectors.RandomForest(trees, depth, featureCount, rng,
            r => r.Next(5) == 0 ? float.PositiveInfinity : (float)(r.NextDouble() * 10 - 5));
        var xs = new float[batch][];
        for (var v = 0; v < batch; v++)
        {
            xs[v] = new float[featureCount];
            for (var f = 0; f < featureCount; f++)
                xs[v][f] = rng.Next(20) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => (float)(rng.NextDouble() * 12 - 6) };
        }
        var scores = new double[batch + 1];
        scores[batch] = -1;

        forest.Score(xs, scores);

        for (var v = 0; v < batch; v++) Assert.Equal(BitConverter.DoubleToInt64Bits(forest.Score(xs[v])), BitConverter.DoubleToInt64Bits(scores[v]));
        Assert.Equal(-1, scores[batch]);
    }

    [Fact]
    public void Batch_refuses_too_little_room_and_short_vectors()
    {
        var (forest, _, _, _) = TestVectors.RandomForest(16, 8, 29, new Random(1), r => (float)r.NextDouble());
        var xs = Enumerable.Range(0, 10).Select(_ => new float[29]).ToArray();
        Assert.Throws<ArgumentException>(() => forest.Score(xs, new double[9]));
        xs[4] = new float[28];
        Assert.Throws<ArgumentException>(() => forest.Score(xs, new double[10]));
    }
}

using SiemActors.Detection.Models;
using Xunit;

namespace SiemActors.Detection.Tests;

public class IsolationForestTests
{
    [Fact]
    public void AveragePathLength_follows_the_harmonic_formula()
    {
        Assert.Equal(0, IsolationForest.AveragePathLength(1));
        Assert.Equal(1, IsolationForest.AveragePathLength(2));
        // c(n) = 2(ln(n-1) + γ) - 2(n-1)/n
        Assert.Equal(2 * (Math.Log(255) + 0.5772156649015329) - 2.0 * 255 / 256, IsolationForest.AveragePathLength(256), 12);
        Assert.Equal(10.2448, IsolationForest.AveragePathLength(256), 3);
        Assert.Equal(2 * (Math.Log(2) + 0.5772156649015329) - 4.0 / 3, IsolationForest.AveragePathLength(3), 12);
    }

    [Fact]
    public void Single_point_split_isolates_the_outlier_at_depth_one_in_every_tree()
    {
        // 255 identical rows and one different row: any random split falls between the two values, so the root
        // isolates the outlier (h = 1) and leaves the 255 identical rows in one leaf (h = 1 + c(255)).
        var rows = Enumerable.Range(0, 255).Select(_ => new[] { 1f, 1f, 1f }).ToList();
        rows.Add([5f, -3f, 9f]);
        var forest = IsolationForestBuilder.Fit(rows, 3, trees: 50, subsampleSize: 256, seed: 3);

        Assert.Equal(8, forest.Depth);
        for (var t = 0; t < forest.Trees; t++)
        {
            Assert.Equal(1f, forest.PathLength(t, [5f, -3f, 9f]));
            Assert.Equal((float)(1 + IsolationForest.AveragePathLength(255)), forest.PathLength(t, [1f, 1f, 1f]), 4);
        }
        var c256 = IsolationForest.AveragePathLength(256);
        Assert.Equal(Math.Pow(2, -1 / c256), forest.Score([5f, -3f, 9f]), 5);
        Assert.Equal(Math.Pow(2, -(1 + IsolationForest.AveragePathLength(255)) / c256), forest.Score([1f, 1f, 1f]), 5);
    }

    [Fact]
    public void Two_distinct_points_are_each_isolated_by_one_split()
    {
        var forest = IsolationForestBuilder.Fit([[0f, 0f], [1f, 1f]], 2, trees: 10, subsampleSize: 256, seed: 1);
        Assert.Equal(1, forest.Depth);
        Assert.Equal(1.0, forest.AveragePath([0f, 0f]), 6);
        Assert.Equal(1.0, forest.AveragePath([1f, 1f]), 6);
    }

    [Fact]
    public void Mean_path_of_training_points_is_close_to_c_of_n()
    {
        // c(n) is the expected path length of a random point in a random tree over n points; the depth limit
        // is compensated by c(leaf size), so averaged over the sample it should land near c(256).
        var rng = new Random(11);
        var rows = Enumerable.Range(0, 256).Select(_ => new[] { (float)rng.NextDouble(), (float)rng.NextDouble() }).ToList();
        var forest = IsolationForestBuilder.Fit(rows, 2, trees: 200, subsampleSize: 256, seed: 5);
        var mean = rows.Average(r => forest.AveragePath(r));
        var c = IsolationForest.AveragePathLength(256);
        Assert.InRange(mean, c * 0.85, c * 1.15);
    }

    [Fact]
    public void Isolated_outlier_has_a_shorter_path_and_a_higher_score_than_cluster_points()
    {
        var rng = new Random(2);
        var rows = Enumerable.Range(0, 1000).Select(_ => new[] { (float)(rng.NextDouble() - 0.5), (float)(rng.NextDouble() - 0.5) }).ToList();
        var forest = IsolationForestBuilder.Fit(rows, 2, trees: 100, subsampleSize: 256, seed: 9);
        float[] outlier = [4f, 4f], centre = [0f, 0f];

        Assert.True(forest.AveragePath(outlier) < forest.AveragePath(centre) - 3,
            $"outlier path {forest.AveragePath(outlier):0.00} vs centre {forest.AveragePath(centre):0.00}");
        Assert.True(forest.Score(outlier) > 0.6, $"outlier score {forest.Score(outlier):0.000}");
        Assert.True(forest.Score(centre) < 0.5, $"centre score {forest.Score(centre):0.000}");
    }

    [Fact]
    public void Unrolled_scoring_equals_tree_by_tree_paths()
    {
        var rows = TestVectors.Normal(500, seed: 4);
        var forest = IsolationForestBuilder.Fit(rows, rows[0].Length, trees: 37, subsampleSize: 256, seed: 8);   // 37: not a multiple of 4
        foreach (var row in rows.Take(50))
        {
            var perTree = Enumerable.Range(0, forest.Trees).Sum(t => (double)forest.PathLength(t, row)) / forest.Trees;
            Assert.Equal(perTree, forest.AveragePath(row), 3);
        }
    }
}

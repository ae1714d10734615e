namespace SiemActors.Detection.Models;

/// <summary>Grows an <see cref="IsolationForest"/>: per tree a subsample without replacement, random feature, uniform split.</summary>
public static class IsolationForestBuilder
{
    public static IsolationForest Fit(IReadOnlyList<float[]> rows, int featureCount, int trees, int subsampleSize, int seed)
    {
        if (rows.Count == 0) throw new ArgumentException("no rows to grow a forest on", nameof(rows));
        var psi = Math.Min(subsampleSize, rows.Count);
        var depth = Math.Max(1, (int)Math.Ceiling(Math.Log2(Math.Max(psi, 2))));
        var internalNodes = (1 << depth) - 1;
        var leaves = internalNodes + 1;
        var features = new int[trees * internalNodes];
        var thresholds = new float[trees * internalNodes];
        var leafPaths = new float[trees * leaves];
        var rng = new Random(seed);
        var indices = new int[rows.Count];
        var sample = new float[psi][];
        var grower = new TreeGrower(featureCount, depth, rng);

        for (var t = 0; t < trees; t++)
        {
            for (var i = 0; i < indices.Length; i++) indices[i] = i;
            for (var i = 0; i < psi; i++)   // partial Fisher-Yates: the first psi indices are a uniform sample
            {
                var j = rng.Next(i, indices.Length);
                (indices[i], indices[j]) = (indices[j], indices[i]);
                sample[i] = rows[indices[i]];
            }
            grower.Grow(sample,
                features.AsSpan(t * internalNodes, internalNodes),
                thresholds.AsSpan(t * internalNodes, internalNodes),
                leafPaths.AsSpan(t * leaves, leaves));
        }
        return new IsolationForest(trees, depth, psi, featureCount, features, thresholds, leafPaths);
    }

    private sealed class TreeGrower(int featureCount, int depth, Random rng)
    {
        private readonly int _internalNodes = (1 << depth) - 1;
        private readonly int[] _candidates = new int[featureCount];

        public void Grow(float[][] sample, Span<int> features, Span<float> thresholds, Span<float> leafPaths)
        {
            var rows = (float[][])sample.Clone();
            Split(rows, 0, rows.Length, 0, 0, features, thresholds, leafPaths);
        }

        private void Split(float[][] rows, int start, int count, int node, int level,
            Span<int> features, Span<float> thresholds, Span<float> leafPaths)
        {
            if (level == depth)
            {
                leafPaths[node - _internalNodes] = (float)(level + IsolationForest.AveragePathLength(count));
                return;
            }
            var candidates = count > 1 ? CollectNonConstant(rows, start, count) : 0;
            if (candidates == 0)
            {
                // Isolated (or all rows identical): pass-through nodes down the left spine to a leaf holding h.
                var h = (float)(level + IsolationForest.AveragePathLength(count));
                var n = node;
                for (var l = level; l < depth; l++)
                {
                    features[n] = 0;
                    thresholds[n] = float.PositiveInfinity;
                    n = 2 * n + 1;
                }
                leafPaths[n - _internalNodes] = h;
                return;
            }
            var f = _candidates[rng.Next(candidates)];
            float min = float.MaxValue, max = float.MinValue;
            for (var i = start; i < start + count; i++)
            {
                var v = rows[i][f];
                if (v < min) min = v;
                if (v > max) max = v;
            }
            var threshold = min + (float)rng.NextDouble() * (max - min);
            if (threshold <= min) threshold = MathF.BitIncrement(min);   // keep both sides non-empty
            features[node] = f;
            thresholds[node] = threshold;
            var left = Partition(rows, start, count, f, threshold);
            Split(rows, start, left, 2 * node + 1, level + 1, features, thresholds, leafPaths);
            Split(rows, start + left, count - left, 2 * node + 2, level + 1, features, thresholds, leafPaths);
        }

        private int CollectNonConstant(float[][] rows, int start, int count)
        {
            var n = 0;
            for (var f = 0; f < featureCount; f++)
            {
                var first = rows[start][f];
                for (var i = start + 1; i < start + count; i++)
                {
                    if (rows[i][f] != first) { _candidates[n++] = f; break; }
                }
            }
            return n;
        }

        /// <summary>Moves rows with x[f] &lt; threshold to the front; returns how many.</summary>
        private static int Partition(float[][] rows, int start, int count, int f, float threshold)
        {
            int i = start, j = start + count - 1;
            while (i <= j)
            {
                if (rows[i][f] < threshold) i++;
                else { (rows[i], rows[j]) = (rows[j], rows[i]); j--; }
            }
            return i - start;
        }
    }
}

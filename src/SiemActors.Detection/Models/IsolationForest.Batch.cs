using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SiemActors.Detection.Models;

/// <summary>
/// Scoring many vectors at once, tree-major: each group of eight trees walks every vector of the batch before the next
/// group is read. A group is 17 KB of nodes and 8 KB of leaves, so after the first vector its bottom blocks and leaves
/// are L1 hits, where one vector at a time meets every group cold (the whole forest is 320 KB). Results are bit for bit
/// those of <see cref="Score(ReadOnlySpan{float})"/>: the same walks, and each vector's leaves added in the same order.
/// </summary>
public sealed partial class IsolationForest
{
    /// <summary>How many vectors share one pass over the trees: their partial sums live on the stack.</summary>
    private const int BatchChunk = 128;

    /// <summary><see cref="Score(ReadOnlySpan{float})"/> for each of <paramref name="xs"/>, into <paramref name="scores"/>.</summary>
    public void Score(ReadOnlySpan<float[]> xs, Span<double> scores)
    {
        if (scores.Length < xs.Length) throw new ArgumentException($"room for {scores.Length} scores, {xs.Length} vectors");
        if (_blocked is null || xs.Length < 2)
        {
            for (var v = 0; v < xs.Length; v++) scores[v] = Score(xs[v]);
            return;
        }
        foreach (var x in xs)
        {
            if (x.Length < FeatureCount) throw new ArgumentException($"expected {FeatureCount} features, got {x.Length}");
        }
        Span<float> sums = stackalloc float[BatchChunk];
        ref var lr = ref MemoryMarshal.GetArrayDataReference(_leafPaths);
        for (var from = 0; from < xs.Length; from += BatchChunk)
        {
            var part = xs.Slice(from, Math.Min(BatchChunk, xs.Length - from));
            var partSums = sums[..part.Length];
            partSums.Clear();
            var t = Depth8.SumPaths(part, ref _blocked.First, ref lr, Trees, partSums);
            for (var v = 0; v < part.Length; v++)
            {
                var sum = partSums[v];
                for (var rest = t; rest < Trees; rest++) sum += PathLength(rest, part[v]);
                scores[from + v] = ToScore(sum);
            }
        }
    }

    private static partial class Depth8
    {
        /// <summary>
        /// <see cref="SumPaths(ref float, ref Node, ref float, int, ref float)"/> for each of <paramref name="xs"/>, into
        /// <paramref name="sums"/> (which start at zero); returns how many trees it covered.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int SumPaths(ReadOnlySpan<float[]> xs, ref Node nr, ref float lr, int trees, Span<float> sums)
        {
            var t = 0;
            for (; t + 8 <= trees; t += 8)
            {
                ref var n = ref Unsafe.Add(ref nr, t * S);
                ref var l = ref Unsafe.Add(ref lr, t * Leaves);
                for (var v = 0; v < xs.Length; v++) sums[v] += Eight(ref MemoryMarshal.GetArrayDataReference(xs[v]), ref n, ref l);
            }
            if (t + 4 <= trees)
            {
                ref var n = ref Unsafe.Add(ref nr, t * S);
                ref var l = ref Unsafe.Add(ref lr, t * Leaves);
                for (var v = 0; v < xs.Length; v++) Four(ref MemoryMarshal.GetArrayDataReference(xs[v]), ref n, ref l, ref sums[v]);
                t += 4;
            }
            return t;
        }
    }
}

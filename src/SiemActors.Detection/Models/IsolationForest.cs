using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SiemActors.Detection.Models;

/// <summary>
/// Isolation Forest (Liu, Ting, Zhou 2008) laid out for scoring speed. Every tree is a complete binary tree of
/// fixed depth D = ceil(log2(subsample)), stored flat: node i has children 2i+1 and 2i+2, so a lookup is D
/// compare-and-shift steps with no pointers or branches on node kind. A branch that isolated its rows before
/// depth D is padded with pass-through nodes (threshold +inf: always left); the leaf under the left-most path
/// carries the path length h = depth at which the real leaf was reached + c(leaf size).
/// Score: s(x) = 2^(-E[h(x)] / c(n)), n = subsample size.
/// Depth-8 forests (the default) are walked over a second, cache-line-blocked copy of the nodes (<see cref="BlockedDepth8{TNode}"/>).
/// </summary>
public sealed class IsolationForest
{
    private readonly int[] _features;      // [tree * internalNodes + node] (kept for the file format)
    private readonly float[] _thresholds;  // x[feature] >= threshold goes right
    private readonly Node[] _nodes;        // the two above packed: one 8-byte load per step
    private readonly float[] _leafPaths;   // [tree * leaves + leaf]: h including the c(size) adjustment
    private readonly BlockedDepth8<Node>? _blocked;   // depth 8 only: the nodes again, in cache-line blocks
    private readonly double _negInvTreesTimesC;

    public int Trees { get; }
    public int Depth { get; }
    public int SubsampleSize { get; }
    public int FeatureCount { get; }

    public IsolationForest(int trees, int depth, int subsampleSize, int featureCount, int[] features, float[] thresholds, float[] leafPaths)
    {
        if (trees < 1 || depth < 1 || depth > 20) throw new ArgumentException("invalid forest shape");
        var internalNodes = (1 << depth) - 1;
        if (features.Length != trees * internalNodes || thresholds.Length != features.Length || leafPaths.Length != trees * (1 << depth))
            throw new ArgumentException("forest arrays do not match its shape");
        foreach (var f in features)
        {
            if ((uint)f >= (uint)featureCount) throw new ArgumentException($"forest node names feature {f}, outside 0..{featureCount - 1}");
        }
        Trees = trees;
        Depth = depth;
        SubsampleSize = subsampleSize;
        FeatureCount = featureCount;
        _features = features;
        _thresholds = thresholds;
        _leafPaths = leafPaths;
        _nodes = new Node[features.Length];
        for (var i = 0; i < _nodes.Length; i++) _nodes[i] = new Node(thresholds[i], features[i]);
        if (depth == BlockedDepth8<Node>.Depth) _blocked = new BlockedDepth8<Node>(_nodes, trees);
        _negInvTreesTimesC = -1.0 / (trees * AveragePathLength(subsampleSize));
    }

    internal ReadOnlySpan<int> NodeFeatures => _features;
    internal ReadOnlySpan<float> NodeThresholds => _thresholds;
    internal ReadOnlySpan<float> LeafPaths => _leafPaths;

    /// <summary>c(n) = 2H(n-1) - 2(n-1)/n, the average path length of an unsuccessful BST search; c(2)=1, c(n&lt;2)=0.</summary>
    public static double AveragePathLength(double n)
    {
        if (n <= 1) return 0;
        if (n <= 2) return 1;
        const double eulerGamma = 0.5772156649015329;
        return 2.0 * (Math.Log(n - 1) + eulerGamma) - 2.0 * (n - 1) / n;
    }

    /// <summary>The anomaly score s = 2^(-E[h]/c(n)): near 1 isolated quickly, around 0.5 or below ordinary.</summary>
    public double Score(ReadOnlySpan<float> x) => Math.Exp(Math.Log(2) * SumPaths(x) * _negInvTreesTimesC);

    /// <summary>E[h(x)] over the trees.</summary>
    public double AveragePath(ReadOnlySpan<float> x) => SumPaths(x) / Trees;

    /// <summary>h(x) in one tree.</summary>
    public float PathLength(int tree, ReadOnlySpan<float> x)
    {
        var internalNodes = (1 << Depth) - 1;
        var baseNode = tree * internalNodes;
        var i = 0;
        for (var d = 0; d < Depth; d++)
        {
            var n = baseNode + i;
            i = 2 * i + 1 + Unsafe.BitCast<bool, byte>(x[_features[n]] >= _thresholds[n]);
        }
        return _leafPaths[tree * (internalNodes + 1) + i - internalNodes];
    }

    /// <summary>
    /// Sums h over all trees, eight trees at a time: a tree walk is a chain of dependent loads (node → feature
    /// value → next node), so interleaving independent walks keeps the memory pipeline busy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double SumPaths(ReadOnlySpan<float> x)
    {
        if (x.Length < FeatureCount) throw new ArgumentException($"expected {FeatureCount} features, got {x.Length}");
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var nr = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var lr = ref MemoryMarshal.GetArrayDataReference(_leafPaths);
        var depth = Depth;
        var internalNodes = (1 << depth) - 1;
        var leaves = internalNodes + 1;
        float sum = 0;
        var t = 0;
        if (_blocked is not null) t = Depth8.SumPaths(ref xr, ref _blocked.First, ref lr, Trees, ref sum);
        for (; t + 8 <= Trees; t += 8)
        {
            ref var n0 = ref Unsafe.Add(ref nr, t * internalNodes);
            ref var n1 = ref Unsafe.Add(ref n0, internalNodes);
            ref var n2 = ref Unsafe.Add(ref n1, internalNodes);
            ref var n3 = ref Unsafe.Add(ref n2, internalNodes);
            ref var n4 = ref Unsafe.Add(ref n3, internalNodes);
            ref var n5 = ref Unsafe.Add(ref n4, internalNodes);
            ref var n6 = ref Unsafe.Add(ref n5, internalNodes);
            ref var n7 = ref Unsafe.Add(ref n6, internalNodes);
            int i0 = 0, i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0, i6 = 0, i7 = 0;
            for (var d = 0; d < depth; d++)
            {
                i0 = Step(ref xr, ref n0, i0);
                i1 = Step(ref xr, ref n1, i1);
                i2 = Step(ref xr, ref n2, i2);
                i3 = Step(ref xr, ref n3, i3);
                i4 = Step(ref xr, ref n4, i4);
                i5 = Step(ref xr, ref n5, i5);
                i6 = Step(ref xr, ref n6, i6);
                i7 = Step(ref xr, ref n7, i7);
            }
            ref var l = ref Unsafe.Add(ref lr, t * leaves - internalNodes);
            sum += Unsafe.Add(ref l, i0) + Unsafe.Add(ref l, leaves + i1)
                 + Unsafe.Add(ref l, 2 * leaves + i2) + Unsafe.Add(ref l, 3 * leaves + i3)
                 + Unsafe.Add(ref l, 4 * leaves + i4) + Unsafe.Add(ref l, 5 * leaves + i5)
                 + Unsafe.Add(ref l, 6 * leaves + i6) + Unsafe.Add(ref l, 7 * leaves + i7);
        }
        // The trees left over (100 = 12 x 8 + 4) walked four at a time but summed one by one, as before: the bounds-checked
        // single walk cost three times a tree in a group of eight.
        for (; t + 4 <= Trees; t += 4)
        {
            ref var n0 = ref Unsafe.Add(ref nr, t * internalNodes);
            ref var n1 = ref Unsafe.Add(ref n0, internalNodes);
            ref var n2 = ref Unsafe.Add(ref n1, internalNodes);
            ref var n3 = ref Unsafe.Add(ref n2, internalNodes);
            int i0 = 0, i1 = 0, i2 = 0, i3 = 0;
            for (var d = 0; d < depth; d++)
            {
                i0 = Step(ref xr, ref n0, i0);
                i1 = Step(ref xr, ref n1, i1);
                i2 = Step(ref xr, ref n2, i2);
                i3 = Step(ref xr, ref n3, i3);
            }
            ref var l = ref Unsafe.Add(ref lr, t * leaves - internalNodes);
            sum += Unsafe.Add(ref l, i0);
            sum += Unsafe.Add(ref l, leaves + i1);
            sum += Unsafe.Add(ref l, 2 * leaves + i2);
            sum += Unsafe.Add(ref l, 3 * leaves + i3);
        }
        for (; t < Trees; t++)
        {
            sum += PathLength(t, x);
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref float x, ref Node tree, int i)
    {
        ref var node = ref Unsafe.Add(ref tree, i);
        // setcc, not a branch: the JIT does not if-convert inside loops, and a random 50/50 branch per step
        // costs a misprediction every other node (measured: ~2x slower).
        return 2 * i + 1 + Unsafe.BitCast<bool, byte>(Unsafe.Add(ref x, node.Feature) >= node.Threshold);
    }

    /// <summary>
    /// The eight interleaved walks for the usual depth (subsample 256) over <see cref="BlockedDepth8{TNode}"/>: with the
    /// tree size a constant, every walk addresses its node from one shared base plus a constant offset, so the walks
    /// need one index register each (the general loop spills its eight base pointers), and a native-size index
    /// needs no sign extension on the chain.
    /// </summary>
    private static class Depth8
    {
        private const int Leaves = 1 << BlockedDepth8<Node>.Depth;
        private const int S = BlockedDepth8<Node>.Stride;

        /// <summary>
        /// Adds the trees in whole groups of eight, then one of four, to <paramref name="sum"/> in the general loop's
        /// order (the same leaves, the same float sums); returns how many. <paramref name="nr"/> is tree 0's first slot.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static int SumPaths(ref float xr, ref Node nr, ref float lr, int trees, ref float sum)
        {
            var t = 0;
            for (; t + 8 <= trees; t += 8)
            {
                ref var n = ref Unsafe.Add(ref nr, t * S);
                nint i0 = 0, i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0, i6 = 0, i7 = 0;
                for (var d = 0; d < 4; d++)
                {
                    i0 = StepN(ref xr, ref n, i0);
                    i1 = StepN(ref xr, ref Unsafe.Add(ref n, S), i1);
                    i2 = StepN(ref xr, ref Unsafe.Add(ref n, 2 * S), i2);
                    i3 = StepN(ref xr, ref Unsafe.Add(ref n, 3 * S), i3);
                    i4 = StepN(ref xr, ref Unsafe.Add(ref n, 4 * S), i4);
                    i5 = StepN(ref xr, ref Unsafe.Add(ref n, 5 * S), i5);
                    i6 = StepN(ref xr, ref Unsafe.Add(ref n, 6 * S), i6);
                    i7 = StepN(ref xr, ref Unsafe.Add(ref n, 7 * S), i7);
                }
                // Top-half leaf 15..30 -> its bottom block's first slot, 16 * (leaf - 14).
                i0 = 16 * i0 - 224; i1 = 16 * i1 - 224; i2 = 16 * i2 - 224; i3 = 16 * i3 - 224;
                i4 = 16 * i4 - 224; i5 = 16 * i5 - 224; i6 = 16 * i6 - 224; i7 = 16 * i7 - 224;
                for (var d = 0; d < 4; d++)
                {
                    i0 = StepB(ref xr, ref n, i0);
                    i1 = StepB(ref xr, ref Unsafe.Add(ref n, S), i1);
                    i2 = StepB(ref xr, ref Unsafe.Add(ref n, 2 * S), i2);
                    i3 = StepB(ref xr, ref Unsafe.Add(ref n, 3 * S), i3);
                    i4 = StepB(ref xr, ref Unsafe.Add(ref n, 4 * S), i4);
                    i5 = StepB(ref xr, ref Unsafe.Add(ref n, 5 * S), i5);
                    i6 = StepB(ref xr, ref Unsafe.Add(ref n, 6 * S), i6);
                    i7 = StepB(ref xr, ref Unsafe.Add(ref n, 7 * S), i7);
                }
                // Slot 16 * (block + 1) + local leaf 15..30 -> breadth-first leaf 16 * block + local - 15.
                ref var l = ref Unsafe.Add(ref lr, t * Leaves - 31);
                sum += Unsafe.Add(ref l, i0) + Unsafe.Add(ref l, Leaves + i1)
                     + Unsafe.Add(ref l, 2 * Leaves + i2) + Unsafe.Add(ref l, 3 * Leaves + i3)
                     + Unsafe.Add(ref l, 4 * Leaves + i4) + Unsafe.Add(ref l, 5 * Leaves + i5)
                     + Unsafe.Add(ref l, 6 * Leaves + i6) + Unsafe.Add(ref l, 7 * Leaves + i7);
            }
            // A last group of four, summed one by one as the general loop does.
            if (t + 4 <= trees)
            {
                ref var n = ref Unsafe.Add(ref nr, t * S);
                nint i0 = 0, i1 = 0, i2 = 0, i3 = 0;
                for (var d = 0; d < 4; d++)
                {
                    i0 = StepN(ref xr, ref n, i0);
                    i1 = StepN(ref xr, ref Unsafe.Add(ref n, S), i1);
                    i2 = StepN(ref xr, ref Unsafe.Add(ref n, 2 * S), i2);
                    i3 = StepN(ref xr, ref Unsafe.Add(ref n, 3 * S), i3);
                }
                i0 = 16 * i0 - 224; i1 = 16 * i1 - 224; i2 = 16 * i2 - 224; i3 = 16 * i3 - 224;
                for (var d = 0; d < 4; d++)
                {
                    i0 = StepB(ref xr, ref n, i0);
                    i1 = StepB(ref xr, ref Unsafe.Add(ref n, S), i1);
                    i2 = StepB(ref xr, ref Unsafe.Add(ref n, 2 * S), i2);
                    i3 = StepB(ref xr, ref Unsafe.Add(ref n, 3 * S), i3);
                }
                ref var l = ref Unsafe.Add(ref lr, t * Leaves - 31);
                sum += Unsafe.Add(ref l, i0);
                sum += Unsafe.Add(ref l, Leaves + i1);
                sum += Unsafe.Add(ref l, 2 * Leaves + i2);
                sum += Unsafe.Add(ref l, 3 * Leaves + i3);
                t += 4;
            }
            return t;
        }

        /// <summary>A step inside a 16-slot bottom block: the low four bits are the block-local breadth-first index.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static nint StepB(ref float x, ref Node tree, nint k)
        {
            ref var node = ref Unsafe.Add(ref tree, k);
            return k + (k & 15) + 1 + Unsafe.BitCast<bool, byte>(Unsafe.Add(ref x, node.Feature) >= node.Threshold);
        }

        /// <summary><see cref="Step"/> on a native-sized index: no sign extension on the walk's dependency chain.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static nint StepN(ref float x, ref Node tree, nint i)
        {
            ref var node = ref Unsafe.Add(ref tree, i);
            return 2 * i + 1 + Unsafe.BitCast<bool, byte>(Unsafe.Add(ref x, node.Feature) >= node.Threshold);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Node(float threshold, int feature)
    {
        public readonly float Threshold = threshold;
        public readonly int Feature = feature;
    }
}

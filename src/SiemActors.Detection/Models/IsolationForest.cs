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
public sealed partial class IsolationForest
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
    public double Score(ReadOnlySpan<float> x) => ToScore(SumPaths(x));

    private double ToScore(double sumOfPaths) => Math.Exp(Math.Log(2) * sumOfPaths * _negInvTreesTimesC);

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
            // l is the group's first leaf and each index is taken down to its leaf inside the read: a ref to
            // "leaf 0 less internalNodes" would point before the array, and a compacting GC moves such a ref with
            // whatever object lies there (seen: wrong sums under compaction).
            ref var l = ref Unsafe.Add(ref lr, t * leaves);
            sum += Unsafe.Add(ref l, i0 - internalNodes) + Unsafe.Add(ref l, leaves + i1 - internalNodes)
                 + Unsafe.Add(ref l, 2 * leaves + i2 - internalNodes) + Unsafe.Add(ref l, 3 * leaves + i3 - internalNodes)
                 + Unsafe.Add(ref l, 4 * leaves + i4 - internalNodes) + Unsafe.Add(ref l, 5 * leaves + i5 - internalNodes)
                 + Unsafe.Add(ref l, 6 * leaves + i6 - internalNodes) + Unsafe.Add(ref l, 7 * leaves + i7 - internalNodes);
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
            ref var l = ref Unsafe.Add(ref lr, t * leaves);
            sum += Unsafe.Add(ref l, i0 - internalNodes);
            sum += Unsafe.Add(ref l, leaves + i1 - internalNodes);
            sum += Unsafe.Add(ref l, 2 * leaves + i2 - internalNodes);
            sum += Unsafe.Add(ref l, 3 * leaves + i3 - internalNodes);
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
    /// The eight interleaved walks for the usual depth (subsample 256) over <see cref="BlockedDepth8{TNode}"/>. Every walk
    /// keeps its index from the group's first slot (walk j starts at j * S), so all eight address their nodes as
    /// one shared base plus their own index register: the JIT folds that into each load, where a separate base per walk
    /// (tree base + j * S, then + i) cost an address computation per step and spilled to the stack. A native-size index
    /// needs no sign extension on the chain.
    /// </summary>
    private static partial class Depth8
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
            for (; t + 8 <= trees; t += 8) sum += Eight(ref xr, ref Unsafe.Add(ref nr, t * S), ref Unsafe.Add(ref lr, t * Leaves));
            if (t + 4 <= trees)
            {
                Four(ref xr, ref Unsafe.Add(ref nr, t * S), ref Unsafe.Add(ref lr, t * Leaves), ref sum);
                t += 4;
            }
            return t;
        }

        /// <summary>The summed leaves of eight trees from <paramref name="n"/> (<paramref name="l"/>: the first one's leaf 0).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static float Eight(ref float xr, ref Node n, ref float l)
        {
            nint i0 = 0, i1 = S, i2 = 2 * S, i3 = 3 * S, i4 = 4 * S, i5 = 5 * S, i6 = 6 * S, i7 = 7 * S;
            for (var d = 0; d < 4; d++)
            {
                i0 = StepTop(ref xr, ref n, i0, 0);
                i1 = StepTop(ref xr, ref n, i1, S);
                i2 = StepTop(ref xr, ref n, i2, 2 * S);
                i3 = StepTop(ref xr, ref n, i3, 3 * S);
                i4 = StepTop(ref xr, ref n, i4, 4 * S);
                i5 = StepTop(ref xr, ref n, i5, 5 * S);
                i6 = StepTop(ref xr, ref n, i6, 6 * S);
                i7 = StepTop(ref xr, ref n, i7, 7 * S);
            }
            i0 = ToBottom(i0, 0); i1 = ToBottom(i1, S); i2 = ToBottom(i2, 2 * S); i3 = ToBottom(i3, 3 * S);
            i4 = ToBottom(i4, 4 * S); i5 = ToBottom(i5, 5 * S); i6 = ToBottom(i6, 6 * S); i7 = ToBottom(i7, 7 * S);
            for (var d = 0; d < 4; d++)
            {
                i0 = StepBottom(ref xr, ref n, i0);
                i1 = StepBottom(ref xr, ref n, i1);
                i2 = StepBottom(ref xr, ref n, i2);
                i3 = StepBottom(ref xr, ref n, i3);
                i4 = StepBottom(ref xr, ref n, i4);
                i5 = StepBottom(ref xr, ref n, i5);
                i6 = StepBottom(ref xr, ref n, i6);
                i7 = StepBottom(ref xr, ref n, i7);
            }
            // Slot j * S + 16 * (block + 1) + local leaf 15..30 -> breadth-first leaf (t + j) * Leaves + 16 * block + local - 15.
            return Unsafe.Add(ref l, i0 - FirstLeafSlot) + Unsafe.Add(ref l, i1 - (LeafShift + FirstLeafSlot))
                 + Unsafe.Add(ref l, i2 - (2 * LeafShift + FirstLeafSlot)) + Unsafe.Add(ref l, i3 - (3 * LeafShift + FirstLeafSlot))
                 + Unsafe.Add(ref l, i4 - (4 * LeafShift + FirstLeafSlot)) + Unsafe.Add(ref l, i5 - (5 * LeafShift + FirstLeafSlot))
                 + Unsafe.Add(ref l, i6 - (6 * LeafShift + FirstLeafSlot)) + Unsafe.Add(ref l, i7 - (7 * LeafShift + FirstLeafSlot));
        }

        /// <summary>A last group of four, added to <paramref name="sum"/> one by one as the general loop does.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Four(ref float xr, ref Node n, ref float l, ref float sum)
        {
            nint i0 = 0, i1 = S, i2 = 2 * S, i3 = 3 * S;
            for (var d = 0; d < 4; d++)
            {
                i0 = StepTop(ref xr, ref n, i0, 0);
                i1 = StepTop(ref xr, ref n, i1, S);
                i2 = StepTop(ref xr, ref n, i2, 2 * S);
                i3 = StepTop(ref xr, ref n, i3, 3 * S);
            }
            i0 = ToBottom(i0, 0); i1 = ToBottom(i1, S); i2 = ToBottom(i2, 2 * S); i3 = ToBottom(i3, 3 * S);
            for (var d = 0; d < 4; d++)
            {
                i0 = StepBottom(ref xr, ref n, i0);
                i1 = StepBottom(ref xr, ref n, i1);
                i2 = StepBottom(ref xr, ref n, i2);
                i3 = StepBottom(ref xr, ref n, i3);
            }
            sum += Unsafe.Add(ref l, i0 - FirstLeafSlot);
            sum += Unsafe.Add(ref l, i1 - (LeafShift + FirstLeafSlot));
            sum += Unsafe.Add(ref l, i2 - (2 * LeafShift + FirstLeafSlot));
            sum += Unsafe.Add(ref l, i3 - (3 * LeafShift + FirstLeafSlot));
        }

        /// <summary>Per walk, slots run S apart and leaves Leaves apart.</summary>
        private const int LeafShift = S - Leaves;

        /// <summary>
        /// The slot index a walk ends on for its tree's leaf 0 (bottom block 0 at slot 16, local leaf 15). Taken off
        /// inside each read, not off the leaves' ref: a ref before the array's start is moved by a compacting GC with
        /// whatever object lies there.
        /// </summary>
        private const int FirstLeafSlot = 31;

        /// <summary>
        /// A top-block step on an index counted from the group's first slot: child = 2 * local + 1 + right, with
        /// local = i - start, written as 2i + (1 - start) + right so the constant folds into one lea.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static nint StepTop(ref float x, ref Node group, nint i, nint start)
        {
            ref var node = ref Unsafe.Add(ref group, i);
            return 2 * i + (1 - start) + Unsafe.BitCast<bool, byte>(Unsafe.Add(ref x, node.Feature) >= node.Threshold);
        }

        /// <summary>Top-half leaf 15..30 (local) -> its bottom block's first slot, start + 16 * (leaf - 14).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static nint ToBottom(nint i, nint start) => 16 * i - 15 * start - 224;

        /// <summary>
        /// A step inside a 16-slot bottom block: the low four bits are the block-local breadth-first index (S is a
        /// multiple of 16, so counting from the group's first slot keeps them).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static nint StepBottom(ref float x, ref Node group, nint k)
        {
            ref var node = ref Unsafe.Add(ref group, k);
            return k + (k & 15) + 1 + Unsafe.BitCast<bool, byte>(Unsafe.Add(ref x, node.Feature) >= node.Threshold);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Node(float threshold, int feature)
    {
        public readonly float Threshold = threshold;
        public readonly int Feature = feature;
    }
}

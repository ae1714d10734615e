using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SiemActors.Detection.Models;

/// <summary>
/// Depth-8 trees re-laid in two 4-level halves: each tree's top 15 nodes in one 16-slot block, then one 16-slot block
/// per top-half leaf holding the 15 nodes under it. A walk reads the top block (hot in L1 for all trees) and then one
/// 128-byte bottom block, two adjacent cache lines, where the breadth-first order spread levels 5-7 over three
/// unrelated lines. Leaves keep the breadth-first numbering, so leaf paths and sums are unchanged.
/// </summary>
internal sealed class BlockedDepth8<TNode> where TNode : unmanaged
{
    public const int Depth = 8;
    public const int Stride = 17 * 16;   // slots per tree: the top block and 16 bottom blocks
    private const int Internal = (1 << Depth) - 1;
    private const int Leaves = Internal + 1;

    private readonly TNode[] _slots;
    private readonly int _offset;   // first slot of tree 0, 64-byte aligned in the pinned array

    public BlockedDepth8(ReadOnlySpan<TNode> breadthFirst, int trees)
    {
        _slots = GC.AllocateArray<TNode>(trees * Stride + 64 / Unsafe.SizeOf<TNode>(), pinned: true);
        _offset = (int)((64 - (Marshal.UnsafeAddrOfPinnedArrayElement(_slots, 0) & 63)) & 63) / Unsafe.SizeOf<TNode>();
        for (var t = 0; t < trees; t++)
        {
            for (var i = 0; i < Internal; i++) _slots[_offset + t * Stride + Slot(i)] = breadthFirst[t * Internal + i];
        }
    }

    /// <summary>Where breadth-first node <paramref name="i"/> of a tree sits in its blocks.</summary>
    public static int Slot(int i)
    {
        var level = 31 - int.LeadingZeroCount(i + 1);
        if (level < 4) return i;
        var path = i + 1 - (1 << level);
        var below = level - 4;
        var block = path >> below;
        var local = (1 << below) - 1 + (path & ((1 << below) - 1));
        return 16 + 16 * block + local;
    }

    public ref TNode First => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), _offset);
}

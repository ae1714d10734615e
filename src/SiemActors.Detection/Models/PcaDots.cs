using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SiemActors.Detection.Models;

/// <summary>
/// Σx² and the dot products of x with a few fixed rows in one pass over x, each rounded exactly as
/// <see cref="TensorPrimitives.SumOfSquares{T}(ReadOnlySpan{T})"/> and <see cref="TensorPrimitives.Dot{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>
/// (9.x, the version ML.NET's CpuMath uses) round them on 256-bit vectors: the first vector, the whole vectors after it
/// in order, then the last vector with the lanes already counted masked to zero, and one <see cref="Vector256.Sum{T}"/>.
/// Ten separate calls on 29 floats cost more in call and reduction overhead than in arithmetic.
/// Only where TensorPrimitives itself takes that path (AVX2 without AVX-512, 8..64 elements); a test compares the two.
/// </summary>
internal sealed class PcaDots
{
    private readonly float[] _rows;   // row r at [r * dimension]
    private readonly int _count;
    private readonly int _dimension;
    private readonly Vector256<float> _lastMask;

    public PcaDots(IReadOnlyList<float[]> rows, int dimension)
    {
        _dimension = dimension;
        _count = rows.Count;
        _rows = new float[_count * dimension];
        for (var r = 0; r < _count; r++) rows[r].AsSpan(0, dimension).CopyTo(_rows.AsSpan(r * dimension));
        // The last vector starts at dimension - 8: its lanes below 8 - trailing were counted by the vectors before it.
        var trailing = dimension % Vector256<float>.Count;
        var mask = new int[Vector256<float>.Count];
        for (var lane = Vector256<float>.Count - trailing; lane < mask.Length; lane++) mask[lane] = -1;
        _lastMask = Vector256.Create(mask).AsSingle();
    }

    public static bool Supported(int dimension) =>
        Vector256.IsHardwareAccelerated && !Vector512.IsHardwareAccelerated
        && dimension >= Vector256<float>.Count && dimension <= 8 * Vector256<float>.Count;

    /// <summary>sums[0] = Σx², sums[1 + r] = row r · x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ReadOnlySpan<float> x, Span<float> sums)
    {
        var d = _dimension;
        if (x.Length < d || sums.Length < _count + 1) throw new ArgumentException("vector or result too short");
        var n = Vector256<float>.Count;
        var whole = d - d % n;   // TensorPrimitives' blocks after the first end here
        var lastAt = (nuint)(d - n);
        ref var xr = ref MemoryMarshal.GetReference(x);

        var first = Vector256.LoadUnsafe(ref xr);
        var last = Vector256.LoadUnsafe(ref xr, lastAt);
        var acc = Vector256<float>.Zero + first * first;
        for (var o = n; o < whole; o += n)
        {
            var v = Vector256.LoadUnsafe(ref xr, (nuint)o);
            acc += v * v;
        }
        acc += Vector256.ConditionalSelect(_lastMask, last * last, Vector256<float>.Zero);
        sums[0] = Vector256.Sum(acc);

        ref var rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        for (var r = 0; r < _count; r++)
        {
            // A ref made per row, not one stepped along: the stepped one ends past the array, where a GC would
            // take it for the next object's.
            ref var row = ref Unsafe.Add(ref rows, r * d);
            acc = Vector256<float>.Zero + Vector256.LoadUnsafe(ref row) * first;
            for (var o = n; o < whole; o += n)
                acc += Vector256.LoadUnsafe(ref row, (nuint)o) * Vector256.LoadUnsafe(ref xr, (nuint)o);
            acc += Vector256.ConditionalSelect(_lastMask, Vector256.LoadUnsafe(ref row, lastAt) * last, Vector256<float>.Zero);
            sums[1 + r] = Vector256.Sum(acc);
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SiemActors.Detection.Models;

/// <summary>
/// The mixture's parameters transposed into blocks of eight components, one vector lane per component, so one
/// pass over the features scores eight components at once. Each lane adds its terms in the same order and with
/// the same operations as the one-component loop (no fused multiply-add), so the result is bit-for-bit the same.
/// </summary>
internal sealed class ComponentBlocks
{
    private const int Lanes = 8;

    private readonly int _blocks;
    private readonly int _dimensions;
    private readonly float[] _means;     // [(block * d + f) * 8 + lane]
    private readonly float[] _invVars;   // same layout; 0 in padding lanes
    private readonly float[] _logNorms;  // [block * 8 + lane]; +inf in padding lanes, so they never win the minimum

    public ComponentBlocks(int components, int dimensions, float[] means, float[] invVars, float[] logNorms)
    {
        _blocks = (components + Lanes - 1) / Lanes;
        _dimensions = dimensions;
        _means = new float[_blocks * dimensions * Lanes];
        _invVars = new float[_means.Length];
        _logNorms = new float[_blocks * Lanes];
        Array.Fill(_logNorms, float.PositiveInfinity);
        for (var k = 0; k < components; k++)
        {
            var (block, lane) = (k / Lanes, k % Lanes);
            _logNorms[k] = logNorms[k];
            for (var f = 0; f < dimensions; f++)
            {
                var at = (block * dimensions + f) * Lanes + lane;
                _means[at] = means[k * dimensions + f];
                _invVars[at] = invVars[k * dimensions + f];
            }
        }
    }

    /// <summary>min over components of logNorm + 0.5 · Σ (z - mean)² / var; NaN components are skipped as in the scalar loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float MinNll(ReadOnlySpan<float> z)
    {
        var d = _dimensions;
        ref var zr = ref MemoryMarshal.GetReference(z);
        ref var mr = ref MemoryMarshal.GetArrayDataReference(_means);
        ref var vr = ref MemoryMarshal.GetArrayDataReference(_invVars);
        var half = Vector256.Create(0.5f);
        var best = float.MaxValue;
        for (var b = 0; b < _blocks; b++)
        {
            var acc = Vector256<float>.Zero;
            var row = (nuint)(b * d * Lanes);
            for (var f = 0; f < d; f++, row += Lanes)
            {
                var diff = Vector256.Create(Unsafe.Add(ref zr, f)) - Vector256.LoadUnsafe(ref mr, row);
                acc += diff * diff * Vector256.LoadUnsafe(ref vr, row);
            }
            var nll = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_logNorms), (nuint)(b * Lanes)) + half * acc;
            for (var lane = 0; lane < Lanes; lane++)
            {
                var v = nll.GetElement(lane);
                if (v < best) best = v;
            }
        }
        return best;
    }
}

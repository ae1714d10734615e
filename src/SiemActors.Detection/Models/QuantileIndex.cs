using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SiemActors.Detection.Models;

/// <summary>
/// Finds the largest i with q[i] &lt;= x in a sorted quantile array in a few loads instead of a ten-step binary
/// search (each step a coin-flip branch and a dependent load). x is mapped to one of equal-width buckets over
/// [q[0], q[^1]] and the table gives the quantiles that can answer for that bucket; the answer is then searched
/// in that short range. Exact whatever the float rounding of the bucket formula: the formula is monotone in x,
/// and the table is built by applying the same formula to the quantiles themselves.
/// </summary>
internal sealed class QuantileIndex
{
    private readonly float[] _q;
    private readonly int[] _lastAtOrBelow;   // [b] = largest i with Bucket(q[i]) <= b, or -1
    private readonly float _origin;
    private readonly float _scale;

    public QuantileIndex(float[] quantiles)
    {
        _q = quantiles;
        var buckets = Math.Max(1, quantiles.Length - 1);
        _origin = quantiles[0];
        var width = quantiles[^1] - quantiles[0];
        _scale = width > 0 ? buckets / width : 0f;
        _lastAtOrBelow = new int[buckets];
        Array.Fill(_lastAtOrBelow, -1);
        for (var i = 0; i < quantiles.Length; i++) _lastAtOrBelow[Bucket(quantiles[i])] = i;
        for (var b = 1; b < buckets; b++) _lastAtOrBelow[b] = Math.Max(_lastAtOrBelow[b], _lastAtOrBelow[b - 1]);
    }

    /// <summary>Largest i with q[i] &lt;= x, for q[0] &lt;= x &lt; q[^1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Floor(float x)
    {
        var b = Bucket(x);
        // Quantiles in earlier buckets are below x and those in later ones above it (the bucket formula is monotone).
        var lo = b == 0 ? 0 : Math.Max(0, _lastAtOrBelow[b - 1]);
        var hi = Math.Min(_lastAtOrBelow[b], _q.Length - 2);
        ref var q = ref MemoryMarshal.GetArrayDataReference(_q);
        for (var n = hi - lo + 1; n > 1; n -= n >>> 1)
        {
            var half = n >>> 1;
            lo += half * Unsafe.BitCast<bool, byte>(Unsafe.Add(ref q, lo + half) <= x);
        }
        return lo;
    }

    /// <summary>Saturating conversion (.NET 9+): NaN maps to 0 and +inf to int.MaxValue, both monotone.</summary>
    private int Bucket(float x) => Math.Min((int)((x - _origin) * _scale), _lastAtOrBelow.Length - 1);
}

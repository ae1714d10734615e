using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SiemActors.Domain.Features;

namespace SiemActors.Detection.Models;

/// <summary>
/// The feature space the PCA and density models see: counts, sizes, durations and distances are heavy-tailed,
/// so they pass through sign(x)·log(1+|x|); then every feature is standardised with the training mean and
/// standard deviation (floored, so a feature that never moved in training still counts when it does).
/// The Isolation Forest needs none of this and reads raw features.
/// </summary>
public sealed class FeatureScaler
{
    /// <summary>Standard deviation floor in log/linear units: a constant training feature that moves by 1 is 1/floor sigmas off.</summary>
    public const float StdFloor = 0.1f;

    private static readonly bool[] LinearFeatures = BuildLinear();
    private static readonly float[] SmallCountLogs = BuildSmallCountLogs();   // [k] = log(1 + k)

    public float[] Mean { get; }
    public float[] Std { get; }

    public FeatureScaler(float[] mean, float[] std)
    {
        if (mean.Length != FeatureNames.Count || std.Length != FeatureNames.Count)
            throw new ArgumentException($"scaler needs {FeatureNames.Count} means and deviations");
        Mean = mean;
        Std = std;
    }

    public static bool IsLogScaled(int feature) => !LinearFeatures[feature];

    public static float Warp(int feature, float x)
    {
        if (LinearFeatures[feature] || x == 0) return x;   // most counters are 0: skip the log
        // The other counters are mostly small whole numbers: their logs come from a table filled by the same call.
        var k = (int)x;
        if (k == x && (uint)k < (uint)SmallCountLogs.Length) return SmallCountLogs[k];
        return x >= 0 ? MathF.Log(1f + x) : -MathF.Log(1f - x);
    }

    private static float[] BuildSmallCountLogs()
    {
        var logs = new float[1024];
        for (var k = 0; k < logs.Length; k++) logs[k] = MathF.Log(1f + k);
        return logs;
    }

    public static FeatureScaler Fit(IReadOnlyList<float[]> rows)
    {
        var n = FeatureNames.Count;
        var sum = new double[n];
        var sumSq = new double[n];
        foreach (var row in rows)
        {
            for (var f = 0; f < n; f++)
            {
                double w = Warp(f, row[f]);
                sum[f] += w;
                sumSq[f] += w * w;
            }
        }
        var mean = new float[n];
        var std = new float[n];
        for (var f = 0; f < n; f++)
        {
            var m = sum[f] / rows.Count;
            var v = Math.Max(0, sumSq[f] / rows.Count - m * m);
            mean[f] = (float)m;
            std[f] = Math.Max(StdFloor, (float)Math.Sqrt(v));
        }
        return new FeatureScaler(mean, std);
    }

    /// <summary>Writes the scaled vector into <paramref name="destination"/>; no allocation.</summary>
    public void Transform(ReadOnlySpan<float> raw, Span<float> destination)
    {
        const int n = FeatureNames.Count;
        raw = raw[..n];
        destination = destination[..n];
        for (var f = 0; f < n; f++) destination[f] = Warp(f, raw[f]);
        // Then (w - mean) / std eight lanes at a time: a vector subtract and divide round every lane exactly as the
        // scalar ones do (same IEEE operations, no fused step), and 29 scalar divisions were most of this method.
        ref var d = ref MemoryMarshal.GetReference(destination);
        ref var m = ref MemoryMarshal.GetArrayDataReference(Mean);
        ref var s = ref MemoryMarshal.GetArrayDataReference(Std);
        var f8 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; f8 + Vector256<float>.Count <= n; f8 += Vector256<float>.Count)
            {
                var i = (nuint)f8;
                ((Vector256.LoadUnsafe(ref d, i) - Vector256.LoadUnsafe(ref m, i)) / Vector256.LoadUnsafe(ref s, i)).StoreUnsafe(ref d, i);
            }
        }
        for (; f8 < n; f8++) Unsafe.Add(ref d, f8) = (Unsafe.Add(ref d, f8) - Unsafe.Add(ref m, f8)) / Unsafe.Add(ref s, f8);
    }

    private static bool[] BuildLinear()
    {
        var linear = new bool[FeatureNames.Count];
        foreach (var f in (int[])[
            FeatureNames.Hour, FeatureNames.DayOfWeek, FeatureNames.IsWeekend, FeatureNames.IsBusinessHours,
            FeatureNames.FailedAuthRate, FeatureNames.Error4xxRate, FeatureNames.Error5xxRate,
            FeatureNames.IsKnownCountry, FeatureNames.IsKnownIp, FeatureNames.RequestEntropy,
            FeatureNames.IsPrivilegedUser, FeatureNames.IsSensitiveEndpoint, FeatureNames.IsSuspiciousUserAgent])
        {
            linear[f] = true;
        }
        return linear;
    }
}

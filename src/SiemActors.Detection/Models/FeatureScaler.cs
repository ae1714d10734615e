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
        return x >= 0 ? MathF.Log(1f + x) : -MathF.Log(1f - x);
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
        var mean = Mean;
        var std = Std;
        for (var f = 0; f < FeatureNames.Count; f++)
        {
            destination[f] = (Warp(f, raw[f]) - mean[f]) / std[f];
        }
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

using System.Globalization;
using SiemActors.Domain.Features;

namespace SiemActors.Detection.Scoring;

/// <summary>
/// Names the features of an anomalous vector that sit furthest from the training distribution, in analyst
/// wording ("failed_logins_10m = 42, 30x the training mean"). Runs only for anomalies.
/// </summary>
internal sealed class FeatureExplainer(ModelMetadata metadata)
{
    private readonly float[] _mean = metadata.FeatureMean;
    private readonly float[] _std = metadata.FeatureStd;
    private readonly float[] _max = metadata.FeatureMax;

    public void AddReasons(ReadOnlySpan<float> x, int maxReasons, double minZ, List<string> reasons)
    {
        if (maxReasons <= 0) return;
        Span<int> top = stackalloc int[maxReasons];
        Span<double> topZ = stackalloc double[maxReasons];
        var count = 0;
        for (var f = 0; f < FeatureNames.Count; f++)
        {
            var z = Deviation(f, x[f]);
            if (z < minZ) continue;
            // Insertion into a small sorted top list.
            var pos = count < maxReasons ? count++ : maxReasons;
            while (pos > 0 && topZ[pos - 1] < z)
            {
                if (pos < maxReasons) { top[pos] = top[pos - 1]; topZ[pos] = topZ[pos - 1]; }
                pos--;
            }
            if (pos < maxReasons) { top[pos] = f; topZ[pos] = z; }
        }
        for (var i = 0; i < count; i++) reasons.Add(Describe(top[i], x[top[i]]));
    }

    /// <summary>|x - mean| in training standard deviations; a feature that never varied counts as far off when it moves.</summary>
    private double Deviation(int f, float x)
    {
        var diff = Math.Abs(x - _mean[f]);
        if (_std[f] < 1e-6f) return diff < 1e-6f ? 0 : 1e6;
        return diff / _std[f];
    }

    private string Describe(int f, float x)
    {
        var name = FeatureNames.All[f];
        var mean = _mean[f];
        var value = Format(x);
        if (_std[f] < 1e-6f) return $"{name} = {value}, never other than {Format(mean)} in training";
        if (mean > 0 && x >= 2 * mean && x > _max[f])
            return $"{name} = {value}, {Format(x / mean)}x the training mean ({Format(mean)}) and above the training maximum ({Format(_max[f])})";
        if (mean > 0 && x >= 2 * mean) return $"{name} = {value}, {Format(x / mean)}x the training mean ({Format(mean)})";
        if (x > _max[f]) return $"{name} = {value}, above the training maximum ({Format(_max[f])})";
        var z = (x - mean) / _std[f];
        return $"{name} = {value}, {Format(Math.Abs(z))} standard deviations {(z < 0 ? "below" : "above")} the training mean ({Format(mean)})";
    }

    private static string Format(double v) => Math.Abs(v) >= 100
        ? v.ToString("0", CultureInfo.InvariantCulture)
        : v.ToString("0.##", CultureInfo.InvariantCulture);
}

namespace SiemActors.Detection.Models;

/// <summary>
/// Maps a model's raw score through its empirical distribution on normal training data: the result is the
/// fraction of normal rows that scored at or below it (0.99 = rarer than 99% of normal). Monotone, in 0..1,
/// linear between stored quantiles.
/// </summary>
public sealed class EmpiricalCalibrator
{
    private readonly float[] _quantiles;
    private readonly QuantileIndex _index;

    public EmpiricalCalibrator(float[] quantiles)
    {
        if (quantiles.Length < 2) throw new ArgumentException("at least two quantiles are needed", nameof(quantiles));
        for (var i = 1; i < quantiles.Length; i++)
        {
            if (!(quantiles[i] >= quantiles[i - 1]))
                throw new ArgumentException($"quantiles must be sorted ascending and finite (index {i})", nameof(quantiles));
        }
        _quantiles = quantiles;
        _index = new QuantileIndex(quantiles);
    }

    /// <summary>The stored quantiles: index i is the i/(Length-1) quantile of the training scores.</summary>
    public ReadOnlySpan<float> Quantiles => _quantiles;

    /// <summary>Builds a calibrator from raw training scores (sorted in place).</summary>
    public static EmpiricalCalibrator Fit(float[] scores, int steps)
    {
        if (scores.Length == 0) throw new ArgumentException("no scores to calibrate on", nameof(scores));
        for (var i = 0; i < scores.Length; i++)
        {
            if (!float.IsFinite(scores[i])) scores[i] = float.MaxValue;
        }
        Array.Sort(scores);
        var q = new float[steps + 1];
        var last = scores.Length - 1;
        for (var i = 0; i <= steps; i++)
        {
            q[i] = scores[(int)Math.Round((double)i * last / steps)];
        }
        return new EmpiricalCalibrator(q);
    }

    public double Calibrate(float raw)
    {
        var q = _quantiles;
        var steps = q.Length - 1;
        if (float.IsNaN(raw)) return 1.0;   // a broken score is not evidence of normality
        if (raw < q[0]) return 0.0;
        if (raw >= q[steps]) return 1.0;
        // Largest i with q[i] <= raw; then q[i] <= raw < q[i+1].
        var lo = _index.Floor(raw);
        var width = q[lo + 1] - q[lo];
        var frac = width > 0 ? (raw - q[lo]) / width : 0f;
        return (lo + frac) / steps;
    }
}

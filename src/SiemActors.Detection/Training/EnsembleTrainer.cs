using System.Diagnostics;
using SiemActors.Detection.Models;
using SiemActors.Domain.Features;

// The public training API lives beside the scoring API (one namespace for callers).
namespace SiemActors.Detection.Scoring;

/// <summary>Fits the ensemble on feature vectors of (mostly) normal traffic.</summary>
public static class EnsembleTrainer
{
    /// <summary>Rows needed at least: fewer cannot give a forest, a PCA of the chosen rank or stable calibration.</summary>
    public const int MinRows = 32;

    public static EnsembleModel Fit(IReadOnlyList<float[]> normalVectors, TrainingOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(normalVectors);
        ArgumentNullException.ThrowIfNull(options);
        if (normalVectors.Count < MinRows)
            throw new ArgumentException($"need at least {MinRows} feature vectors to train, got {normalVectors.Count}", nameof(normalVectors));
        for (var i = 0; i < normalVectors.Count; i++)
        {
            if (normalVectors[i] is null || normalVectors[i].Length != FeatureNames.Count)
                throw new ArgumentException($"vector {i} has {normalVectors[i]?.Length ?? 0} features, expected {FeatureNames.Count}", nameof(normalVectors));
        }
        var clock = Stopwatch.StartNew();
        void Report(string message) => progress?.Report($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {message}");
        var rows = Sanitize(normalVectors);

        Report($"isolation forest: {options.Trees} trees, subsample {options.SubsampleSize}, {rows.Count} rows");
        var forest = IsolationForestBuilder.Fit(rows, FeatureNames.Count, options.Trees, options.SubsampleSize, options.Seed);

        var scaler = FeatureScaler.Fit(rows);
        Report($"pca: RandomizedPca rank {options.PcaRank} on normalised features");
        var pca = PcaDetector.Fit(rows.Select(r => Scale(scaler, r)).ToArray(), options.PcaRank, options.Seed);

        var densityRows = Sample(rows, options.MaxDensityRows, options.Seed + 1).Select(r => Scale(scaler, r)).ToArray();
        Report($"density: diagonal Gaussian mixture, {options.Clusters} components, EM on {densityRows.Length} rows");
        var density = GaussianMixture.Fit(densityRows, options.Clusters, options.EmIterations, options.Seed);

        var calibrationRows = Sample(rows, options.MaxCalibrationRows, options.Seed + 2);
        Report($"calibration: {options.Quantiles} quantiles per model over {calibrationRows.Count} rows");
        var quantiles = Calibrate(calibrationRows, forest, pca, scaler, density, options.Quantiles);

        var (mean, std, max) = RawStatistics(rows);
        var created = DateTimeOffset.UtcNow;
        var metadata = new ModelMetadata
        {
            Version = options.Version ?? $"{created:yyyyMMdd'T'HHmmss'Z'}-s{options.Seed}",
            FeatureNames = [.. FeatureNames.All],
            TrainingSize = rows.Count,
            CreatedUtc = created,
            Training = options,
            ScoreQuantiles = quantiles,
            FeatureMean = mean,
            FeatureStd = std,
            FeatureMax = max,
        };
        Report("done");
        return new EnsembleModel(metadata, forest, pca, scaler, density);
    }

    private static Dictionary<string, float[]> Calibrate(IReadOnlyList<float[]> rows, IsolationForest forest, PcaDetector pca,
        FeatureScaler scaler, GaussianMixture density, int steps)
    {
        var forestScores = new float[rows.Count];
        var densityScores = new float[rows.Count];
        var scaled = new float[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            forestScores[i] = (float)forest.Score(rows[i]);
            scaled[i] = Scale(scaler, rows[i]);
            densityScores[i] = density.Score(scaled[i]);
        }
        var pcaScores = pca.ScoreAll(scaled);
        return new Dictionary<string, float[]>(StringComparer.Ordinal)
        {
            [ModelNames.IsolationForest] = EmpiricalCalibrator.Fit(forestScores, steps).Quantiles.ToArray(),
            [ModelNames.Pca] = EmpiricalCalibrator.Fit(pcaScores, steps).Quantiles.ToArray(),
            [ModelNames.Density] = EmpiricalCalibrator.Fit(densityScores, steps).Quantiles.ToArray(),
        };
    }

    /// <summary>Replaces NaN and infinities (a broken feature) with 0 so no model trains on them.</summary>
    private static IReadOnlyList<float[]> Sanitize(IReadOnlyList<float[]> rows)
    {
        var clean = true;
        foreach (var r in rows)
        {
            foreach (var v in r) if (!float.IsFinite(v)) { clean = false; break; }
            if (!clean) break;
        }
        if (clean) return rows;
        return rows.Select(r => r.Select(v => float.IsFinite(v) ? v : 0f).ToArray()).ToArray();
    }

    private static float[] Scale(FeatureScaler scaler, float[] row)
    {
        var z = new float[row.Length];
        scaler.Transform(row, z);
        return z;
    }

    private static IReadOnlyList<float[]> Sample(IReadOnlyList<float[]> rows, int max, int seed)
    {
        if (rows.Count <= max) return rows;
        var rng = new Random(seed);
        var picked = new float[max][];
        var indices = Enumerable.Range(0, rows.Count).ToArray();
        for (var i = 0; i < max; i++)
        {
            var j = rng.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
            picked[i] = rows[indices[i]];
        }
        return picked;
    }

    private static (float[] Mean, float[] Std, float[] Max) RawStatistics(IReadOnlyList<float[]> rows)
    {
        var n = FeatureNames.Count;
        var sum = new double[n];
        var sumSq = new double[n];
        var max = new float[n];
        Array.Fill(max, float.MinValue);
        foreach (var r in rows)
        {
            for (var f = 0; f < n; f++)
            {
                sum[f] += r[f];
                sumSq[f] += (double)r[f] * r[f];
                if (r[f] > max[f]) max[f] = r[f];
            }
        }
        var mean = new float[n];
        var std = new float[n];
        for (var f = 0; f < n; f++)
        {
            var m = sum[f] / rows.Count;
            mean[f] = (float)m;
            std[f] = (float)Math.Sqrt(Math.Max(0, sumSq[f] / rows.Count - m * m));
        }
        return (mean, std, max);
    }
}

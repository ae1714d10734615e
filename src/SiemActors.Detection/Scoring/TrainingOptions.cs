namespace SiemActors.Detection.Scoring;

/// <summary>How <see cref="EnsembleTrainer"/> fits the models.</summary>
/// <param name="Seed">Every random choice (subsamples, splits, PCA, EM start) derives from it: same data + seed = same model.</param>
/// <param name="Trees">Isolation Forest trees.</param>
/// <param name="SubsampleSize">Rows per tree; the fixed tree depth is ceil(log2(SubsampleSize)).</param>
/// <param name="PcaRank">Principal components kept by the RandomizedPca detector.</param>
/// <param name="Clusters">Components of the diagonal Gaussian mixture (the density model).</param>
/// <param name="EmIterations">Most EM iterations for the mixture.</param>
/// <param name="MaxDensityRows">The mixture is fitted on at most this many rows (a seeded sample).</param>
/// <param name="MaxCalibrationRows">Calibration quantiles are taken over at most this many rows (a seeded sample).</param>
/// <param name="Quantiles">Calibration resolution: the number of quantile steps stored per model.</param>
/// <param name="Version">Model version recorded in the metadata; null: derived from the creation time and seed.</param>
public sealed record TrainingOptions(
    int Seed = 42,
    int Trees = 100,
    int SubsampleSize = 256,
    int PcaRank = 8,
    int Clusters = 8,
    int EmIterations = 50,
    int MaxDensityRows = 50_000,
    int MaxCalibrationRows = 100_000,
    int Quantiles = 1000,
    string? Version = null);

using SiemActors.Detection.Models;

namespace SiemActors.Detection.Scoring;

/// <summary>
/// The trained ensemble: Isolation Forest, ML.NET RandomizedPca, diagonal Gaussian mixture, and their
/// calibrations. Immutable and thread-safe: one instance per node, shared by every <see cref="EnsembleScorer"/>.
/// </summary>
public sealed class EnsembleModel
{
    internal EnsembleModel(ModelMetadata metadata, IsolationForest forest, PcaDetector pca, FeatureScaler scaler, GaussianMixture density)
    {
        Metadata = metadata;
        Forest = forest;
        Pca = pca;
        Scaler = scaler;
        Density = density;
        ForestCalibration = new EmpiricalCalibrator(metadata.ScoreQuantiles[ModelNames.IsolationForest]);
        PcaCalibration = new EmpiricalCalibrator(metadata.ScoreQuantiles[ModelNames.Pca]);
        DensityCalibration = new EmpiricalCalibrator(metadata.ScoreQuantiles[ModelNames.Density]);
    }

    public ModelMetadata Metadata { get; }

    internal IsolationForest Forest { get; }
    internal PcaDetector Pca { get; }
    internal FeatureScaler Scaler { get; }
    internal GaussianMixture Density { get; }
    internal EmpiricalCalibrator ForestCalibration { get; }
    internal EmpiricalCalibrator PcaCalibration { get; }
    internal EmpiricalCalibrator DensityCalibration { get; }

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    /// <exception cref="ModelFormatException">Missing, unreadable, another format version, or trained on another feature list.</exception>
    public static EnsembleModel Load(string path) => ModelFile.Read(path);

    /// <summary>Writes one versioned .zip (atomically: temp file, then rename).</summary>
    public void Save(string path) => ModelFile.Write(path, Metadata, Pca, Forest, Scaler, Density);

    /// <summary>A scorer for one actor: its own PredictionEngine and buffers. Not thread-safe.</summary>
    public EnsembleScorer CreateScorer(DetectionOptions options) => new(this, options);
}

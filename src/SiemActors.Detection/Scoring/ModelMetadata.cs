namespace SiemActors.Detection.Scoring;

/// <summary>What a model file says about itself (<c>metadata.json</c> in the zip).</summary>
public sealed record ModelMetadata
{
    /// <summary>The file layout version this build reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string Version { get; init; }
    /// <summary>Feature order the models were trained on; must equal <see cref="Domain.Features.FeatureNames.All"/>.</summary>
    public required IReadOnlyList<string> FeatureNames { get; init; }
    public required int TrainingSize { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public required TrainingOptions Training { get; init; }
    /// <summary>Per model (<see cref="ModelNames"/>): raw-score quantiles on normal data, index i = i/(n-1) quantile.</summary>
    public required IReadOnlyDictionary<string, float[]> ScoreQuantiles { get; init; }
    /// <summary>Raw training mean per feature (explanations: "42, 30x the training mean").</summary>
    public required float[] FeatureMean { get; init; }
    /// <summary>Raw training standard deviation per feature.</summary>
    public required float[] FeatureStd { get; init; }
    /// <summary>Raw training maximum per feature.</summary>
    public required float[] FeatureMax { get; init; }
}

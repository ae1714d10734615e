namespace SiemActors.Domain.Risk;

/// <summary>One model's calibrated score: 0.99 means rarer than 99% of the normal traffic it was trained on.</summary>
public readonly record struct ModelScore(string Model, double Score);

/// <summary>A rule for a known attack that fired, with the analyst-facing reason.</summary>
public sealed record RuleHit(string Rule, RiskLevel Severity, string Reason);

/// <summary>The scored answer for one event: what the analyze endpoint returns and alerts are made of.</summary>
public sealed record Verdict
{
    public required bool IsAnomaly { get; init; }
    /// <summary>0..1.</summary>
    public required double RiskScore { get; init; }
    public required RiskLevel Level { get; init; }
    public required RecommendedAction Action { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    public required IReadOnlyList<ModelScore> ModelScores { get; init; }
    public IReadOnlyList<RuleHit> Rules { get; init; } = [];
    /// <summary>Laid out as <see cref="Features.FeatureNames"/>.</summary>
    public required float[] Features { get; init; }
}

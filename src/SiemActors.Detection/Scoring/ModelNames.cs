namespace SiemActors.Detection.Scoring;

/// <summary>The <c>model_scores</c> keys, in the order they appear in a verdict.</summary>
public static class ModelNames
{
    public const string IsolationForest = "isolation_forest";
    public const string Pca = "pca";
    public const string Density = "density";
    public const string Rules = "rules";

    /// <summary>The trained models (rules need no training).</summary>
    public static readonly IReadOnlyList<string> Trained = [IsolationForest, Pca, Density];
}

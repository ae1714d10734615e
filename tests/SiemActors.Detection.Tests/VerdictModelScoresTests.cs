using SiemActors.Detection.Scoring;
using SiemActors.Domain.Risk;
using Xunit;

namespace SiemActors.Detection.Tests;

/// <summary>The verdict's compact score list reads as the four-element array it replaced.</summary>
public class VerdictModelScoresTests
{
    [Fact]
    public void Reads_as_the_array_of_named_scores()
    {
        IReadOnlyList<ModelScore> scores = new VerdictModelScores(0.1, 0.25, 0.5, 0.875);
        ModelScore[] expected =
        [
            new(ModelNames.IsolationForest, 0.1), new(ModelNames.Pca, 0.25), new(ModelNames.Density, 0.5), new(ModelNames.Rules, 0.875),
        ];

        Assert.Equal(4, scores.Count);
        Assert.Equal(expected, scores);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], scores[i]);
        Assert.Throws<ArgumentOutOfRangeException>(() => scores[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => scores[-1]);
    }
}

using System.Collections;
using SiemActors.Domain.Risk;

namespace SiemActors.Detection.Scoring;

/// <summary>
/// A verdict's four model scores, in <see cref="ModelNames"/> order, as a read-only list. It holds the four numbers
/// only (the names are constants): 48 bytes against 88 for a <c>ModelScore[4]</c>, and no references to store, so
/// building one per event costs no GC write barriers.
/// </summary>
internal sealed class VerdictModelScores(double forest, double pca, double density, double rules) : IReadOnlyList<ModelScore>
{
    public int Count => 4;

    public ModelScore this[int index] => index switch
    {
        0 => new(ModelNames.IsolationForest, forest),
        1 => new(ModelNames.Pca, pca),
        2 => new(ModelNames.Density, density),
        3 => new(ModelNames.Rules, rules),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<ModelScore> GetEnumerator()
    {
        for (var i = 0; i < 4; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

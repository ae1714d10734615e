using System.Numerics.Tensors;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace SiemActors.Detection.Models;

/// <summary>
/// The RandomizedPca model's own score, computed from its eigenvectors and mean without a PredictionEngine.
/// The arithmetic is ML.NET's (PcaModelParameters.Score, 5.x) step for step and through the same
/// <see cref="TensorPrimitives"/> calls its CpuMath makes, so the result is bit-identical (a test compares the two on
/// random vectors). Immutable and thread-safe: the engine's per-call row plumbing was most of its cost.
/// </summary>
internal sealed class PcaProjection
{
    private readonly float[][] _eigenVectors;
    private readonly float[] _meanProjected;
    private readonly float[] _mean;   // empty when the model was not centred
    private readonly float _norm2Mean;
    private readonly PcaDots? _dots;   // [mean,] eigenvectors; null where TensorPrimitives would take another path

    private PcaProjection(float[][] eigenVectors, float[] mean)
    {
        _eigenVectors = eigenVectors;
        _mean = mean;
        _meanProjected = new float[eigenVectors.Length];
        for (var i = 0; i < eigenVectors.Length; i++)
            _meanProjected[i] = mean.Length == 0 ? 0f : TensorPrimitives.Dot<float>(eigenVectors[i], mean);
        _norm2Mean = mean.Length == 0 ? 0f : TensorPrimitives.SumOfSquares<float>(mean);
        var dimension = eigenVectors[0].Length;
        if (PcaDots.Supported(dimension)) _dots = new PcaDots(mean.Length == 0 ? eigenVectors : [mean, .. eigenVectors], dimension);
    }

    public int Dimension => _eigenVectors[0].Length;

    /// <summary>The projection of a fitted or loaded PCA transformer; null when its shape is not the one expected.</summary>
    public static PcaProjection? TryCreate(ITransformer model, int dimension)
    {
        if (Find(model) is not { } parameters) return null;
        VBuffer<float>[] vectors = [];
        parameters.GetEigenVectors(ref vectors, out var rank);
        if (rank < 1) return null;
        var eigen = new float[rank][];
        for (var i = 0; i < rank; i++)
        {
            if (vectors[i].Length != dimension || !vectors[i].IsDense) return null;
            eigen[i] = vectors[i].DenseValues().ToArray();
        }
        var mean = default(VBuffer<float>);
        parameters.GetMean(ref mean);
        if (mean.Length != dimension) return null;
        // An empty sparse mean is ML.NET's "not centred" (its dot products are then 0); any other sparse one would
        // take ML.NET's sparse dot product, whose summation order this class does not copy.
        if (mean.IsDense) return new PcaProjection(eigen, mean.DenseValues().ToArray());
        return mean.GetValues().Length == 0 ? new PcaProjection(eigen, []) : null;
    }

    /// <summary>Normalised distance of <paramref name="x"/> to the principal subspace, as ML.NET scores it.</summary>
    public float Score(ReadOnlySpan<float> x)
    {
        x = x[..Dimension];
        if (_dots is null) return Score(x, TensorPrimitives.SumOfSquares(x), _mean.Length == 0 ? 0f : TensorPrimitives.Dot(_mean, x), null);
        Span<float> sums = stackalloc float[_eigenVectors.Length + 2];
        _dots.Compute(x, sums);
        var centred = _mean.Length != 0;
        return Score(x, sums[0], centred ? sums[1] : 0f, sums[(centred ? 2 : 1)..]);
    }

    /// <summary>ML.NET's formula; <paramref name="projections"/> are the eigenvector dot products when already computed.</summary>
    private float Score(ReadOnlySpan<float> x, float sumOfSquares, float meanDot, ReadOnlySpan<float> projections)
    {
        var norm2X = sumOfSquares;
        if (_mean.Length != 0) norm2X = norm2X - 2 * meanDot + _norm2Mean;
        // Rounding can make the expanded |x - mean|^2 negative; ML.NET clamps it to 0 the same way.
        if (norm2X < 0) norm2X = 0;
        float norm2U = 0;
        for (var i = 0; i < _eigenVectors.Length; i++)
        {
            var dot = projections.IsEmpty ? TensorPrimitives.Dot(_eigenVectors[i], x) : projections[i];
            var component = dot - _meanProjected[i];
            norm2U += component * component;
        }
        return MathF.Sqrt((norm2X - norm2U) / norm2X);
    }

    /// <summary>A fitted transformer types its model as PcaModelParameters, a loaded one as IPredictorProducing: read it covariantly.</summary>
    private static PcaModelParameters? Find(ITransformer model) => model switch
    {
        IPredictionTransformer<object> t => t.Model as PcaModelParameters,
        IEnumerable<ITransformer> chain => chain.Select(Find).LastOrDefault(p => p is not null),
        _ => null,
    };
}

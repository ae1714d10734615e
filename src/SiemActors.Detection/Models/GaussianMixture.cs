using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SiemActors.Detection.Models;

/// <summary>
/// The density model: a diagonal Gaussian mixture over scaled features, fitted by EM (the role DBSCAN plus a
/// Gaussian mixture played in the original service). Raw score = negative log-likelihood of the best component
/// (a row far from every cluster of normal behaviour scores high); calibrated like the other models.
/// </summary>
public sealed class GaussianMixture
{
    /// <summary>Variance floor in scaled units: keeps a component from collapsing onto a constant feature.</summary>
    public const float VarianceFloor = 1e-2f;

    private readonly float[] _means;        // [k * d + f]
    private readonly float[] _invVars;      // [k * d + f] = 1 / variance
    private readonly float[] _logNorms;     // [k] = -log w_k + 0.5 * sum log(2π var)
    private readonly ComponentBlocks _blocks;

    public int Components { get; }
    public int Dimensions { get; }

    public GaussianMixture(int components, int dimensions, float[] weights, float[] means, float[] variances)
    {
        if (weights.Length != components || means.Length != components * dimensions || variances.Length != means.Length)
            throw new ArgumentException("mixture arrays do not match its shape");
        Components = components;
        Dimensions = dimensions;
        Weights = weights;
        Means = means;
        Variances = variances;
        _means = means;
        _invVars = new float[variances.Length];
        _logNorms = new float[components];
        for (var k = 0; k < components; k++)
        {
            double norm = -Math.Log(Math.Max(weights[k], 1e-12));
            for (var f = 0; f < dimensions; f++)
            {
                var v = Math.Max(variances[k * dimensions + f], VarianceFloor);
                _invVars[k * dimensions + f] = 1f / v;
                norm += 0.5 * Math.Log(2 * Math.PI * v);
            }
            _logNorms[k] = (float)norm;
        }
        _blocks = new ComponentBlocks(components, dimensions, _means, _invVars, _logNorms);
    }

    public float[] Weights { get; }
    public float[] Means { get; }
    public float[] Variances { get; }

    /// <summary>Negative log-likelihood of the most likely component (a hard, cheap approximation of the mixture NLL).</summary>
    public float Score(ReadOnlySpan<float> z)
    {
        if (z.Length < Dimensions) throw new ArgumentException($"expected {Dimensions} features, got {z.Length}");
        return Vector256.IsHardwareAccelerated ? _blocks.MinNll(z) : ScoreScalar(z);
    }

    /// <summary>One component at a time; the reference for <see cref="ComponentBlocks"/> where 256-bit vectors are slow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float ScoreScalar(ReadOnlySpan<float> z)
    {
        var d = Dimensions;
        var best = float.MaxValue;
        for (var k = 0; k < Components; k++)
        {
            var means = _means.AsSpan(k * d, d);
            var inv = _invVars.AsSpan(k * d, d);
            var acc = 0f;
            for (var f = 0; f < d; f++)
            {
                var diff = z[f] - means[f];
                acc += diff * diff * inv[f];
            }
            var nll = _logNorms[k] + 0.5f * acc;
            if (nll < best) best = nll;
        }
        return best;
    }

    /// <summary>Fits by EM from a k-means++ start; rows are already scaled.</summary>
    public static GaussianMixture Fit(IReadOnlyList<float[]> rows, int components, int iterations, int seed)
    {
        var n = rows.Count;
        var d = rows[0].Length;
        var k = Math.Max(1, Math.Min(components, n));
        var rng = new Random(seed);
        var means = InitMeans(rows, k, rng);
        var variances = new float[k * d];
        var weights = new float[k];
        Array.Fill(variances, 1f);
        Array.Fill(weights, 1f / k);

        var resp = new double[k];
        var sumW = new double[k];
        var sumX = new double[k * d];
        var sumXX = new double[k * d];
        var previous = double.MaxValue;
        for (var it = 0; it < iterations; it++)
        {
            var current = new GaussianMixture(k, d, weights, means, variances);
            Array.Clear(sumW); Array.Clear(sumX); Array.Clear(sumXX);
            double totalNll = 0;
            foreach (var row in rows)
            {
                totalNll += current.Responsibilities(row, resp);
                for (var c = 0; c < k; c++)
                {
                    var r = resp[c];
                    if (r < 1e-8) continue;
                    sumW[c] += r;
                    for (var f = 0; f < d; f++)
                    {
                        var x = row[f];
                        sumX[c * d + f] += r * x;
                        sumXX[c * d + f] += r * x * x;
                    }
                }
            }
            means = new float[k * d];
            variances = new float[k * d];
            weights = new float[k];
            for (var c = 0; c < k; c++)
            {
                var w = Math.Max(sumW[c], 1e-9);
                weights[c] = (float)(w / n);
                for (var f = 0; f < d; f++)
                {
                    var m = sumX[c * d + f] / w;
                    means[c * d + f] = (float)m;
                    variances[c * d + f] = (float)Math.Max(VarianceFloor, sumXX[c * d + f] / w - m * m);
                }
            }
            if (Math.Abs(previous - totalNll) < 1e-4 * Math.Abs(totalNll)) break;
            previous = totalNll;
        }
        return new GaussianMixture(k, d, weights, means, variances);
    }

    /// <summary>Posterior component probabilities of one row; returns the row's mixture NLL.</summary>
    private double Responsibilities(float[] row, double[] resp)
    {
        var d = Dimensions;
        var min = double.MaxValue;
        for (var k = 0; k < Components; k++)
        {
            double acc = 0;
            for (var f = 0; f < d; f++)
            {
                var diff = row[f] - _means[k * d + f];
                acc += diff * diff * _invVars[k * d + f];
            }
            resp[k] = _logNorms[k] + 0.5 * acc;
            if (resp[k] < min) min = resp[k];
        }
        double total = 0;
        for (var k = 0; k < Components; k++)
        {
            resp[k] = Math.Exp(min - resp[k]);
            total += resp[k];
        }
        for (var k = 0; k < Components; k++) resp[k] /= total;
        return min - Math.Log(total);
    }

    private static float[] InitMeans(IReadOnlyList<float[]> rows, int k, Random rng)
    {
        var d = rows[0].Length;
        var means = new float[k * d];
        var dist = new double[rows.Count];
        Array.Fill(dist, double.MaxValue);
        var chosen = rows[rng.Next(rows.Count)];
        for (var c = 0; c < k; c++)
        {
            chosen.AsSpan().CopyTo(means.AsSpan(c * d, d));
            double total = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                double s = 0;
                for (var f = 0; f < d; f++)
                {
                    var diff = rows[i][f] - chosen[f];
                    s += diff * diff;
                }
                dist[i] = Math.Min(dist[i], s);
                total += dist[i];
            }
            if (total <= 0) { chosen = rows[rng.Next(rows.Count)]; continue; }
            var target = rng.NextDouble() * total;   // k-means++: next centre with probability ∝ squared distance
            var pick = rows.Count - 1;
            for (var i = 0; i < rows.Count; i++)
            {
                target -= dist[i];
                if (target <= 0) { pick = i; break; }
            }
            chosen = rows[pick];
        }
        return means;
    }
}

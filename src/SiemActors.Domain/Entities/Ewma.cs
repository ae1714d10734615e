namespace SiemActors.Domain.Entities;

/// <summary>
/// Exponentially weighted moving mean and variance of one rate (West's incremental form):
/// <c>d = x - mean; mean += a·d; var = (1 - a)·(var + a·d²)</c>. A baseline of "what is normal for this
/// entity" that costs two numbers, with recent periods weighing more than old ones.
/// </summary>
public struct Ewma
{
    public double Mean;
    public double Variance;
    /// <summary>How many periods have been folded in; a baseline of a few periods is not yet a baseline.</summary>
    public long Periods;

    public readonly double StdDev => Math.Sqrt(Variance);

    public void Update(double x, double alpha)
    {
        if (Periods == 0)
        {
            // The first period seeds the mean, so a baseline does not start by "learning up" from zero.
            Mean = x;
            Variance = 0;
        }
        else
        {
            var d = x - Mean;
            Mean += alpha * d;
            Variance = (1 - alpha) * (Variance + alpha * d * d);
        }
        Periods++;
    }

    /// <summary>Folds <paramref name="periods"/> quiet periods (x = 0) in; past a few hundred the baseline is decayed to nothing anyway.</summary>
    public void UpdateZeros(long periods, double alpha, int maxSteps = 1440)
    {
        var steps = Math.Min(periods, maxSteps);
        for (var i = 0; i < steps; i++) Update(0, alpha);
        Periods += periods - steps;
    }

    /// <summary>How many standard deviations <paramref name="x"/> lies above the mean (0 when there is no spread yet).</summary>
    public readonly double ZScore(double x) => Variance <= 1e-12 ? 0 : (x - Mean) / StdDev;
}

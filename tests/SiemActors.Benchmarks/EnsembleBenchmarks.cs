using BenchmarkDotNet.Attributes;
using SiemActors.Detection.Models;
using SiemActors.Detection.Scoring;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;

namespace SiemActors.Benchmarks;

/// <summary>
/// Scoring cost of the ensemble and its parts, per feature vector (each invoke scores <see cref="Batch"/> vectors).
/// Run: dotnet run -c Release --project tests/SiemActors.Benchmarks -- --filter '*Ensemble*' --job short
/// </summary>
[MemoryDiagnoser]
public class EnsembleBenchmarks
{
    private const int Batch = 1024;
    private const int Message = 64;

    private float[][] _normal = [];
    private float[][] _scaled = [];
    private LogEvent[] _webEvents = [];
    private readonly double[] _forestScores = new double[Message];
    private readonly Verdict[] _verdicts = new Verdict[Message];
    private float[] _bruteForce = [];
    private IsolationForest _forest = null!;
    private PcaEngine _pca = null!;
    private GaussianMixture _density = null!;
    private EnsembleScorer _scorer = null!;
    private readonly LogEvent _sshEvent = new()
    {
        Timestamp = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero),
        Source = SourceKind.Sshd,
        Category = EventCategory.Authentication,
        Action = "ssh_login",
        Outcome = EventOutcome.Failure,
        SourceIp = "203.0.113.9",
        UserName = "alice",
    };
    private readonly LogEvent _webEvent = new()
    {
        Timestamp = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero),
        Source = SourceKind.Nginx,
        Category = EventCategory.Web,
        Outcome = EventOutcome.Success,
        SourceIp = "198.51.100.7",
        UrlOriginal = "/products/123?color=red&size=m",
        UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
    };

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        var training = Enumerable.Range(0, 5000).Select(_ => Row(rng)).ToList();
        _normal = Enumerable.Range(0, Batch).Select(_ => Row(rng)).ToArray();
        _webEvents = Enumerable.Repeat(_webEvent, Batch).ToArray();
        var model = EnsembleTrainer.Fit(training, new TrainingOptions());
        _scorer = model.CreateScorer(new DetectionOptions());

        _forest = IsolationForestBuilder.Fit(training, FeatureNames.Count, 100, 256, 42);
        var scaler = FeatureScaler.Fit(training);
        float[] Scale(float[] r) { var z = new float[r.Length]; scaler.Transform(r, z); return z; }
        _scaled = _normal.Select(Scale).ToArray();
        _pca = PcaDetector.Fit(training.Select(Scale).ToList(), 8, 42).CreateEngine();
        _density = GaussianMixture.Fit(training.Select(Scale).ToList(), 8, 30, 42);

        _bruteForce = FeatureNames.NewVector();
        _bruteForce[FeatureNames.FailedLogins1m] = 20;
        _bruteForce[FeatureNames.FailedAuthRate] = 1;
        _bruteForce[FeatureNames.LoginAttempts] = 20;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public double Forest()
    {
        double sum = 0;
        foreach (var v in _normal) sum += _forest.Score(v);
        return sum;
    }

    /// <summary>The forest over the same vectors in messages of <see cref="Message"/>, as the scorer actors walk it.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double ForestBatch()
    {
        double sum = 0;
        for (var from = 0; from < Batch; from += Message)
        {
            _forest.Score(_normal.AsSpan(from, Message), _forestScores);
            sum += _forestScores[0];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float PcaEngine()
    {
        float sum = 0;
        foreach (var v in _scaled) sum += _pca.Score(v);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float Density()
    {
        float sum = 0;
        foreach (var v in _scaled) sum += _density.Score(v);
        return sum;
    }

    /// <summary>Three calibrated model scores, no rules, no verdict.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double ScorerModelsOnly()
    {
        double sum = 0;
        foreach (var v in _normal) sum += _scorer.ScoreModels(v).Forest;
        return sum;
    }

    /// <summary>The whole scorer on normal web events (the common case: no rule fires, no reasons).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double ScorerNormal()
    {
        double sum = 0;
        foreach (var v in _normal) sum += _scorer.Score(_webEvent, v).RiskScore;
        return sum;
    }

    /// <summary>
    /// <see cref="ScorerNormal"/> as the node scores: a scorer actor gets one message per entity partition, about 2,000 / 32
    /// events for a batch of 2,000 lines over the default 32 partitions, and scores it as one batch.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double ScorerBatch()
    {
        double sum = 0;
        for (var from = 0; from < Batch; from += Message)
        {
            _scorer.Score(_webEvents.AsSpan(from, Message), _normal.AsSpan(from, Message), _verdicts, explain: true);
            sum += _verdicts[0].RiskScore;
        }
        return sum;
    }

    /// <summary>The whole scorer on a brute-force vector: a rule fires and reasons are written.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public double ScorerBruteForce()
    {
        double sum = 0;
        for (var i = 0; i < Batch; i++) sum += _scorer.Score(_sshEvent, _bruteForce).RiskScore;
        return sum;
    }

    private static float[] Row(Random rng)
    {
        var v = FeatureNames.NewVector();
        var web = rng.NextDouble() < 0.7;
        var hour = Math.Clamp(8 + rng.Next(0, 11) + (rng.NextDouble() < 0.1 ? rng.Next(-8, 6) : 0), 0, 23);
        var dow = rng.NextDouble() < 0.9 ? rng.Next(0, 5) : rng.Next(5, 7);
        v[FeatureNames.Hour] = hour;
        v[FeatureNames.DayOfWeek] = dow;
        v[FeatureNames.IsWeekend] = dow >= 5 ? 1 : 0;
        v[FeatureNames.IsBusinessHours] = hour is >= 8 and < 18 && dow < 5 ? 1 : 0;
        v[FeatureNames.IsKnownCountry] = rng.NextDouble() < 0.98 ? 1 : 0;
        v[FeatureNames.IsKnownIp] = rng.NextDouble() < 0.9 ? 1 : 0;
        v[FeatureNames.GeoDistanceKm] = (float)(rng.NextDouble() * 40);
        v[FeatureNames.TimeSinceLastS] = (float)Math.Exp(3 + 4 * rng.NextDouble());
        v[FeatureNames.UniqueIps] = 1 + rng.Next(0, 3);
        if (web)
        {
            v[FeatureNames.RequestsPerSec] = (float)(rng.NextDouble() * 2);
            v[FeatureNames.Requests1m] = rng.Next(1, 40);
            v[FeatureNames.Error4xxRate] = rng.NextDouble() < 0.8 ? 0 : (float)(rng.NextDouble() * 0.2);
            v[FeatureNames.Bytes] = (float)Math.Exp(8 + 3 * rng.NextDouble());
            v[FeatureNames.RequestEntropy] = (float)(1 + 2.5 * rng.NextDouble());
            v[FeatureNames.DistinctPaths10m] = rng.Next(1, 25);
        }
        else
        {
            var typo = rng.NextDouble() < 0.08;
            v[FeatureNames.UniqueUsers] = 1;
            v[FeatureNames.LoginAttempts] = typo ? 2 : 1;
            v[FeatureNames.FailedAuthRate] = typo ? 0.5f : 0;
            v[FeatureNames.FailedLogins1m] = typo ? 1 : 0;
            v[FeatureNames.FailedLogins10m] = typo ? 1 : 0;
            v[FeatureNames.SuccessAfterFailures] = typo ? 1 : 0;
            v[FeatureNames.SessionDurationS] = (float)Math.Exp(5 + 4 * rng.NextDouble());
        }
        return v;
    }
}

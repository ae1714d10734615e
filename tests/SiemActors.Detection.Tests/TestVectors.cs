using SiemActors.Detection.Models;
using SiemActors.Detection.Scoring;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;

namespace SiemActors.Detection.Tests;

/// <summary>Synthetic normal feature vectors (office traffic), a model trained once on them for all tests, and random forests.</summary>
public static class TestVectors
{
    private static readonly Lazy<EnsembleModel> Shared = new(() =>
        EnsembleTrainer.Fit(Normal(3000, seed: 7), new TrainingOptions(Seed: 42, Trees: 100, EmIterations: 30)));

    public static EnsembleModel Model => Shared.Value;

    public static float[] Vector(params (int Feature, float Value)[] values)
    {
        var v = FeatureNames.NewVector();
        foreach (var (f, x) in values) v[f] = x;
        return v;
    }

    public static IReadOnlyList<float[]> Normal(int count, int seed)
    {
        var rng = new Random(seed);
        var rows = new List<float[]>(count);
        for (var i = 0; i < count; i++) rows.Add(NormalRow(rng));
        return rows;
    }

    public static float[] NormalRow(Random rng)
    {
        var v = FeatureNames.NewVector();
        var web = rng.NextDouble() < 0.7;
        var hour = (float)Math.Clamp(Math.Round(13 + 3 * Gaussian(rng)), 0, 23);
        var dow = rng.NextDouble() < 0.9 ? rng.Next(0, 5) : rng.Next(5, 7);
        v[FeatureNames.Hour] = hour;
        v[FeatureNames.DayOfWeek] = dow;
        v[FeatureNames.IsWeekend] = dow >= 5 ? 1 : 0;
        v[FeatureNames.IsBusinessHours] = hour is >= 8 and < 18 && dow < 5 ? 1 : 0;
        v[FeatureNames.IsKnownCountry] = rng.NextDouble() < 0.98 ? 1 : 0;
        v[FeatureNames.IsKnownIp] = rng.NextDouble() < 0.9 ? 1 : 0;
        v[FeatureNames.GeoDistanceKm] = (float)Math.Abs(30 * Gaussian(rng));
        v[FeatureNames.TravelSpeedKmh] = (float)Math.Abs(10 * Gaussian(rng));
        v[FeatureNames.TimeSinceLastS] = (float)Math.Exp(3 + 2 * rng.NextDouble() * 2);
        v[FeatureNames.UniqueIps] = 1 + rng.Next(0, 3);
        v[FeatureNames.UniqueUsers] = web ? 0 : 1;
        if (web)
        {
            v[FeatureNames.RequestsPerSec] = (float)(rng.NextDouble() * 2);
            v[FeatureNames.Requests1m] = rng.Next(1, 40);
            v[FeatureNames.Error4xxRate] = (float)(rng.NextDouble() < 0.8 ? 0 : rng.NextDouble() * 0.2);
            v[FeatureNames.Error5xxRate] = (float)(rng.NextDouble() < 0.97 ? 0 : rng.NextDouble() * 0.05);
            v[FeatureNames.Bytes] = (float)Math.Exp(8 + 1.5 * Gaussian(rng));
            v[FeatureNames.RequestEntropy] = (float)(1 + 2.5 * rng.NextDouble());
            v[FeatureNames.DistinctPaths10m] = rng.Next(1, 25);
            v[FeatureNames.IsSensitiveEndpoint] = rng.NextDouble() < 0.02 ? 1 : 0;
        }
        else
        {
            var typo = rng.NextDouble() < 0.08;
            v[FeatureNames.LoginAttempts] = typo ? 2 : 1;
            v[FeatureNames.FailedAuthRate] = typo ? 0.5f : 0;
            v[FeatureNames.FailedLogins1m] = typo ? 1 : 0;
            v[FeatureNames.FailedLogins10m] = typo ? 1 : rng.NextDouble() < 0.03 ? 1 : 0;
            v[FeatureNames.SuccessAfterFailures] = typo ? 1 : 0;
            v[FeatureNames.FailuresSinceSuccess] = 0;
            v[FeatureNames.SessionDurationS] = (float)Math.Exp(5 + 2 * rng.NextDouble() * 2);
            if (rng.NextDouble() < 0.05)
            {
                // Admins log in from their usual places.
                v[FeatureNames.IsPrivilegedUser] = 1;
                v[FeatureNames.IsKnownIp] = 1;
                v[FeatureNames.IsKnownCountry] = 1;
            }
        }
        return v;
    }

    public static LogEvent SshEvent(EventOutcome outcome = EventOutcome.Failure, string user = "alice", string ip = "203.0.113.9") => new()
    {
        Timestamp = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero),
        Source = SourceKind.Sshd,
        Category = EventCategory.Authentication,
        Action = "ssh_login",
        Outcome = outcome,
        SourceIp = ip,
        UserName = user,
    };

    public static LogEvent WebEvent(string url, string userAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36") => new()
    {
        Timestamp = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero),
        Source = SourceKind.Nginx,
        Category = EventCategory.Web,
        Action = "http_request",
        Outcome = EventOutcome.Success,
        SourceIp = "198.51.100.7",
        HttpMethod = "GET",
        UrlOriginal = url,
        HttpStatus = 200,
        UserAgent = userAgent,
    };

    /// <summary>
    /// A forest of random complete trees: random features, thresholds from <paramref name="threshold"/>, and leaf values
    /// with many significant bits, so that a different order of additions shows in the last bits of a sum.
    /// </summary>
    public static (IsolationForest Forest, int[] Features, float[] Thresholds, float[] LeafPaths) RandomForest(
        int trees, int depth, int featureCount, Random rng, Func<Random, float> threshold)
    {
        var features = new int[trees * ((1 << depth) - 1)];
        var thresholds = new float[features.Length];
        var leafPaths = new float[trees * (1 << depth)];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = rng.Next(featureCount);
            thresholds[i] = threshold(rng);
        }
        for (var i = 0; i < leafPaths.Length; i++) leafPaths[i] = (float)(1 + rng.NextDouble() * 12);
        return (new IsolationForest(trees, depth, 256, featureCount, features, thresholds, leafPaths), features, thresholds, leafPaths);
    }

    private static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}

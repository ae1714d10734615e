using SiemActors.Detection.Scoring;
using SiemActors.Domain.Entities;
using SiemActors.Domain.Events;

namespace SiemActors.Actors.Tests.Support;

/// <summary>A small ensemble trained once per test run on plain office traffic, built through the real feature extractor.</summary>
public static class TestModels
{
    private static readonly Lazy<EnsembleModel> Model = new(Train);

    public static EnsembleModel Small => Model.Value;

    private static EnsembleModel Train()
    {
        var extractor = new FeatureExtractor();
        var vectors = new List<float[]>();
        var rng = new Random(7);
        for (var day = 0; day < 5; day++)
        for (var n = 0; n < 300; n++)
        {
            var at = TestEvents.T0.Date.AddDays(day).AddHours(8 + rng.Next(10)).AddMinutes(rng.Next(60)).AddSeconds(n);
            var ip = $"10.0.{rng.Next(4)}.{rng.Next(1, 40)}";
            LogEvent ev = rng.Next(4) == 0
                ? TestEvents.Login(ip, $"user{rng.Next(30)}", at)
                : TestEvents.WebRequest(ip, $"/page/{rng.Next(50)}", rng.Next(20) == 0 ? 404 : 200, at);
            vectors.Add(extractor.Extract(ev));
        }
        return EnsembleTrainer.Fit(vectors, new TrainingOptions(Seed: 1, Trees: 50, SubsampleSize: 128));
    }
}

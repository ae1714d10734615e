using SiemActors.Domain.Entities;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Domain.Tests.Entities;

public sealed class EwmaTests
{
    [Fact]
    public void Mean_and_variance_match_a_hand_computation()
    {
        var e = new Ewma();
        e.Update(2, 0.5);   // seeds: mean 2, var 0
        Assert.Equal(2, e.Mean);
        Assert.Equal(0, e.Variance);
        e.Update(4, 0.5);   // d = 2:  mean 2 + 1 = 3,     var 0.5·(0 + 0.5·4) = 1
        Assert.Equal(3, e.Mean, 12);
        Assert.Equal(1, e.Variance, 12);
        e.Update(0, 0.5);   // d = -3: mean 3 - 1.5 = 1.5, var 0.5·(1 + 0.5·9) = 2.75
        Assert.Equal(1.5, e.Mean, 12);
        Assert.Equal(2.75, e.Variance, 12);
        e.UpdateZeros(2, 0.5); // d = -1.5: 0.75, 0.5·(2.75 + 1.125) = 1.9375; d = -0.75: 0.375, 0.5·(1.9375 + 0.28125) = 1.109375
        Assert.Equal(0.375, e.Mean, 12);
        Assert.Equal(1.109375, e.Variance, 12);
        Assert.Equal(5, e.Periods);
        Assert.Equal(Math.Sqrt(1.109375), e.StdDev, 12);
    }

    [Fact]
    public void The_ip_baseline_folds_each_finished_minute_and_the_quiet_minutes_after_it()
    {
        const long t0 = 1_768_276_800;
        const double a = IpBehaviour.BaselineAlpha;
        var ip = new IpBehaviour();
        var f = FeatureNames.NewVector();
        LogEvent At(long t, bool fail) => new()
        {
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(t), Source = SourceKind.Sshd, Category = EventCategory.Authentication,
            Outcome = fail ? EventOutcome.Failure : EventOutcome.Success, SourceIp = "198.51.100.9",
        };
        ip.Observe(At(t0, true), f);
        ip.Observe(At(t0 + 1, true), f);
        ip.Observe(At(t0 + 2, false), f);   // minute 0: 3 events, 2 failures
        ip.Observe(At(t0 + 60, false), f);  // minute 1 begins: minute 0 folds in (seeds 3 and 2)
        Assert.Equal(3, ip.EventsPerMinute.Mean);
        Assert.Equal(2, ip.FailuresPerMinute.Mean);
        ip.Observe(At(t0 + 240, false), f); // minute 4: minute 1 (1 event, 0 failures) folds, then minutes 2 and 3 as zeros

        double mean = 3, variance = 0;
        foreach (var x in new[] { 1.0, 0, 0 })
        {
            var d = x - mean;
            mean += a * d;
            variance = (1 - a) * (variance + a * d * d);
        }
        Assert.Equal(mean, ip.EventsPerMinute.Mean, 12);
        Assert.Equal(variance, ip.EventsPerMinute.Variance, 12);
        Assert.Equal(4, ip.EventsPerMinute.Periods);
    }
}

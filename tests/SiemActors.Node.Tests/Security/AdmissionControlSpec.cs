using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SiemActors.Node.Security;
using Xunit;

namespace SiemActors.Node.Tests.Security;

/// <summary>The node-wide limit of events in flight: what goes over it is refused until earlier batches are answered.</summary>
public sealed class AdmissionControlSpec
{
    private static AdmissionControl Control(int maxInFlight, int budgetMb = -1)
    {
        var options = Options.Create(new AdmissionOptions { MaxEventsInFlight = maxInFlight, MemoryBudgetMb = budgetMb });
        return new AdmissionControl(options, new MemoryMonitor(options, NullLogger<MemoryMonitor>.Instance));
    }

    [Fact]
    public void Batches_over_the_limit_are_refused_until_earlier_ones_finish()
    {
        var control = Control(100);
        Assert.True(control.TryAdmit(60, out var first, out _));
        Assert.False(control.TryAdmit(50, out _, out var refused));
        Assert.Equal("in_flight", refused!.Reason);
        Assert.Contains("Siem:Limits:MaxEventsInFlight", refused.Detail);
        Assert.Equal(60, control.EventsInFlight);
        first.Dispose();
        Assert.True(control.TryAdmit(50, out var second, out _));
        second.Dispose();
        Assert.Equal(0, control.EventsInFlight);
    }

    [Fact]
    public void A_batch_larger_than_the_limit_still_goes_through_alone()
    {
        var control = Control(10);
        Assert.True(control.TryAdmit(500, out var big, out _));
        Assert.False(control.TryAdmit(1, out _, out _));
        big.Dispose();
        Assert.True(control.TryAdmit(1, out var one, out _));
        one.Dispose();
    }

    [Fact]
    public void Over_the_memory_budget_everything_is_refused()
    {
        var options = Options.Create(new AdmissionOptions { MemoryBudgetMb = 1, MemorySampleInterval = TimeSpan.FromHours(1) });
        using var memory = new MemoryMonitor(options, NullLogger<MemoryMonitor>.Instance);
        memory.Sample();
        Assert.True(memory.OverBudget);
        var control = new AdmissionControl(options, memory);
        Assert.False(control.TryAdmit(1, out _, out var refused));
        Assert.Equal("memory", refused!.Reason);
        Assert.Equal(0, control.EventsInFlight);
    }
}

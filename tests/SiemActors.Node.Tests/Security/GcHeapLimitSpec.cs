using SiemActors.Node.Security;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Security;

public sealed class GcHeapLimitSpec
{
    [Theory]
    [InlineData(2048, 1740)]
    [InlineData(1024, 870)]
    [InlineData(256, 217)]
    public void A_budget_caps_the_heap_at_its_share(int budgetMb, int heapMb) =>
        Assert.Equal((ulong)heapMb * 1024 * 1024, GcHeapLimit.ForBudget(budgetMb));

    [Theory]
    [InlineData(0)]      // automatic budget: the runtime already follows a container limit
    [InlineData(-1)]     // no budget
    [InlineData(255)]    // too small for the node's own heap
    public void No_explicit_usable_budget_sets_no_limit(int budgetMb) => Assert.Null(GcHeapLimit.ForBudget(budgetMb));

    /// <summary>
    /// The limit is process-wide, so it is checked on a real <c>siem node</c> process: the runtime itself must report
    /// the capped size back, which it only does once the GC has taken the new limit.
    /// </summary>
    [Fact]
    public async Task A_node_process_with_a_budget_runs_with_its_gc_heap_capped()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "siem-heap-limit-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var node = NodeProcess.Start(dataDir, "--Siem:Limits:MemoryBudgetMb=2048");
            var report = await node.LineAsync("GC heap limit", TimeSpan.FromSeconds(60));
            Assert.True(report.Contains("GC heap limit 1740 MiB", StringComparison.Ordinal), node.Tail());
            Assert.Contains("the runtime reports 1740 MiB available", report);
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}

namespace SiemActors.Node.Security;

/// <summary>
/// Caps the GC heap of a node process that has an explicit memory budget (<c>Siem:Limits:MemoryBudgetMb</c>).
/// <para>
/// Without a cap, server GC on a machine with plenty of RAM grows its heap well past what is live: a node holding
/// 950k busy IP entities had 1.3 GB live in a 1.65 GB gen-2 heap (a third of it free space that background GCs do not
/// compact) and 2.05 GiB resident. With a hard limit the GC compacts as the heap nears it: with a 2 GiB budget,
/// 993k busy IPs and 10k users peaked at 1.82 GiB (docs/BENCHMARKS.md, "1M-IP pool within a 2 GiB budget").
/// Admission control still sheds load from 90% of the budget; the cap makes the GC work to stay below that mark first.
/// </para>
/// <para>
/// Process-wide, so only the <c>siem node</c> command applies it, never a node hosted inside another process (tests).
/// </para>
/// </summary>
public static class GcHeapLimit
{
    /// <summary>
    /// Share of the budget the heap may take: resident memory beyond the heap (runtime, JIT'd code, SQLite, thread
    /// stacks) measured 180-300 MB on a node with a 2 GiB budget.
    /// </summary>
    public const double HeapShareOfBudget = 0.85;

    /// <summary>Below this the node's own start-up heap would not fit under the cap: the budget is left to admission control.</summary>
    public const int MinBudgetMb = 256;

    /// <summary>The heap limit for a budget, or null when the budget sets none (0: automatic, -1: off, or too small).</summary>
    public static ulong? ForBudget(int memoryBudgetMb) =>
        memoryBudgetMb < MinBudgetMb ? null : (ulong)(memoryBudgetMb * HeapShareOfBudget) * 1024UL * 1024UL;

    /// <summary>Applies the limit for the budget (<see cref="AdmissionOptions.MemoryBudgetMb"/>); logs what the runtime took, or why it took nothing.</summary>
    public static void Apply(int budgetMb, ILogger log)
    {
        if (ForBudget(budgetMb) is not { } limit)
        {
            if (budgetMb is > 0 and < MinBudgetMb)
                log.LogWarning("Siem:Limits:MemoryBudgetMb={BudgetMb} is below {MinMb} MiB: the GC heap is not capped, admission control alone keeps the budget",
                    budgetMb, MinBudgetMb);
            return;
        }
        try
        {
            AppContext.SetData("GCHeapHardLimit", limit);
            GC.RefreshMemoryLimit();
            log.LogInformation("GC heap limit {LimitMb} MiB from Siem:Limits:MemoryBudgetMb={BudgetMb}; the runtime reports {AvailableMb} MiB available",
                limit / (1024 * 1024), budgetMb, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024));
        }
        catch (InvalidOperationException e)
        {
            // The heap has already committed more than the limit: run uncapped rather than not at all.
            log.LogWarning("GC heap limit {LimitMb} MiB from Siem:Limits:MemoryBudgetMb={BudgetMb} not applied: {Reason}",
                limit / (1024 * 1024), budgetMb, e.Message);
        }
    }
}

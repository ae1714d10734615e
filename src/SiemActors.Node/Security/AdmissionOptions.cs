namespace SiemActors.Node.Security;

/// <summary>Bound from <c>Siem:Limits</c> beside <see cref="Http.HttpLimits"/>: how much work the node takes on at once.</summary>
public sealed class AdmissionOptions
{
    /// <summary>
    /// Events handed to the pipeline and not yet scored, node-wide. A batch that would go over it is refused with 503
    /// and Retry-After, unless nothing is in flight (so a batch larger than the limit still goes through alone).
    /// 0: no limit.
    /// </summary>
    public int MaxEventsInFlight { get; set; } = 10_000;

    /// <summary>
    /// Resident memory (MiB) the node stays under: from 90% of it new batches are refused with 503 until it falls below 80%.
    /// 0: 80% of the memory the runtime may use (the container limit, or the machine's RAM). -1: no budget.
    /// </summary>
    public int MemoryBudgetMb { get; set; }

    /// <summary>How often resident memory is sampled; a request never measures it itself.</summary>
    public TimeSpan MemorySampleInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Retry-After (seconds) for a batch refused because too many events are in flight.</summary>
    public int InFlightRetryAfterSeconds { get; set; } = 1;

    /// <summary>Retry-After (seconds) for a batch refused because the node is over its memory budget.</summary>
    public int MemoryRetryAfterSeconds { get; set; } = 5;
}

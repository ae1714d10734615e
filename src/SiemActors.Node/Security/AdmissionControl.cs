using Microsoft.Extensions.Options;

namespace SiemActors.Node.Security;

/// <summary>
/// Back-pressure between HTTP and the actors: a node-wide count of events being scored, and a memory budget. A mailbox
/// in Akka is unbounded, so without this a client faster than the scorers (or a flood of new entities) would grow the
/// node's memory until it died; with it, the excess is refused up front with a retryable 503.
/// </summary>
public sealed class AdmissionControl(IOptions<AdmissionOptions> options, MemoryMonitor memory)
{
    private readonly AdmissionOptions _options = options.Value;
    private long _inFlight;

    public long EventsInFlight => Interlocked.Read(ref _inFlight);

    /// <returns>A ticket to dispose when the batch is answered, or the refusal.</returns>
    public bool TryAdmit(int events, out Ticket ticket, out AdmissionRefused? refused)
    {
        ticket = default;
        if (memory.OverBudget)
        {
            refused = new AdmissionRefused("memory",
                $"the node is over its memory budget ({memory.ResidentMb} MiB of {memory.BudgetMb} MiB, Siem:Limits:MemoryBudgetMb); retry later",
                _options.MemoryRetryAfterSeconds);
            return false;
        }
        var max = _options.MaxEventsInFlight;
        var now = Interlocked.Add(ref _inFlight, events);
        if (max > 0 && now > max && now != events)
        {
            Interlocked.Add(ref _inFlight, -events);
            refused = new AdmissionRefused("in_flight",
                $"the node is scoring {now - events} events, the most it takes on at once is {max} (Siem:Limits:MaxEventsInFlight); retry shortly",
                _options.InFlightRetryAfterSeconds);
            return false;
        }
        refused = null;
        ticket = new Ticket(this, events);
        return true;
    }

    private void Release(int events) => Interlocked.Add(ref _inFlight, -events);

    /// <summary>Held while a batch is in the pipeline; a struct so admission allocates nothing.</summary>
    public readonly struct Ticket(AdmissionControl owner, int events) : IDisposable
    {
        public void Dispose() => owner?.Release(events);
    }
}

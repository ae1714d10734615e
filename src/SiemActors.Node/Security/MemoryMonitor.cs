using Microsoft.Extensions.Options;

namespace SiemActors.Node.Security;

/// <summary>
/// Samples resident memory on a timer and says whether the node is over its budget, with hysteresis (shedding from
/// 90% of the budget, taking work again below 80%) so admission does not flap and the in-flight work still fits under it. While over, it asks the GC to compact and give memory back to the OS
/// at most every few seconds: server GC otherwise keeps freed segments, and resident memory would never fall.
/// </summary>
public sealed class MemoryMonitor : IDisposable
{
    private static readonly TimeSpan CollectAtMostEvery = TimeSpan.FromSeconds(5);

    private readonly Timer? _timer;
    private readonly long _budgetBytes;
    private long _residentBytes;
    private volatile bool _over;
    private DateTime _lastCollect = DateTime.MinValue;
    private int _sampling;

    public MemoryMonitor(IOptions<AdmissionOptions> options, ILogger<MemoryMonitor> log)
    {
        _log = log;
        var mb = options.Value.MemoryBudgetMb;
        _budgetBytes = mb switch
        {
            < 0 => 0,
            0 => (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.8),
            _ => mb * 1024L * 1024L,
        };
        if (_budgetBytes > 0) _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, options.Value.MemorySampleInterval);
    }

    private readonly ILogger<MemoryMonitor> _log;

    public bool OverBudget => _over;
    public long BudgetMb => _budgetBytes / (1024 * 1024);
    public long ResidentMb => Interlocked.Read(ref _residentBytes) / (1024 * 1024);

    /// <summary>Also called by tests; cheap (Environment.WorkingSet reads the process's own statistics).</summary>
    public void Sample()
    {
        // Timer callbacks may overlap while a collection runs: one sample at a time.
        if (Interlocked.Exchange(ref _sampling, 1) == 1) return;
        try
        {
            SampleOnce();
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }

    private void SampleOnce()
    {
        var resident = Environment.WorkingSet;
        Interlocked.Exchange(ref _residentBytes, resident);
        if (!_over && resident > _budgetBytes / 10 * 9)
        {
            _over = true;
            _log.LogWarning("Resident memory {ResidentMb} MiB is over 90% of the budget of {BudgetMb} MiB (Siem:Limits:MemoryBudgetMb): refusing new batches with 503",
                resident / (1024 * 1024), BudgetMb);
        }
        else if (_over && resident < _budgetBytes / 10 * 8)
        {
            _over = false;
            _log.LogWarning("Resident memory {ResidentMb} MiB is back under 80% of the budget: taking batches again", resident / (1024 * 1024));
        }
        if (_over && DateTime.UtcNow - _lastCollect > CollectAtMostEvery)
        {
            _lastCollect = DateTime.UtcNow;
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    public void Dispose() => _timer?.Dispose();
}

namespace SiemActors.Node.Syslog;

/// <summary>
/// Logs a listener's bad-input warnings at most once per interval, saying how many were left out, so a sender that
/// floods malformed frames is explained in the log without filling it.
/// </summary>
internal sealed class ThrottledWarning(ILogger log, string listener, TimeSpan interval)
{
    private readonly Lock _lock = new();
    private long _nextAt;
    private int _suppressed;

    public void Report(string what, object? remote)
    {
        int suppressed;
        lock (_lock)
        {
            var now = Environment.TickCount64;
            if (now < _nextAt)
            {
                _suppressed++;
                return;
            }
            _nextAt = now + (long)interval.TotalMilliseconds;
            suppressed = _suppressed;
            _suppressed = 0;
        }
        log.LogWarning("Syslog {Listener} from {Remote}: {What}{Suppressed}", listener, remote ?? "?", what,
            suppressed == 0 ? "" : $" ({suppressed} similar warnings suppressed)");
    }
}

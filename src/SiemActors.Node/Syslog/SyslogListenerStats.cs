namespace SiemActors.Node.Syslog;

/// <summary>
/// Counters of one listener, updated lock-free by its socket loops and read by <c>/metrics</c> and the tests.
/// <list type="bullet">
/// <item>received: frames (TCP) or datagrams (UDP) read off the socket;</item>
/// <item>framed: of those, lines queued for the pipeline;</item>
/// <item>rejected: frames refused by framing (over the size limit, truncated, malformed);</item>
/// <item>dropped: UDP lines lost because the queue was full;</item>
/// <item>unparsed: queued lines the parsers could not read; failed: lines in batches the cluster did not score in time.</item>
/// </list>
/// </summary>
public sealed class SyslogListenerStats(string name)
{
    private long _received, _framed, _rejected, _dropped, _bytes, _connections, _activeConnections;
    private long _batches, _answered, _unparsed, _failed;

    public string Name { get; } = name;

    public long Received => Interlocked.Read(ref _received);
    public long Framed => Interlocked.Read(ref _framed);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long Connections => Interlocked.Read(ref _connections);
    public long ActiveConnections => Interlocked.Read(ref _activeConnections);
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Lines in the batches the pipeline has answered (scored or unparsed).</summary>
    public long Answered => Interlocked.Read(ref _answered);
    public long Unparsed => Interlocked.Read(ref _unparsed);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Lines waiting for the batcher; set by the listener's queue.</summary>
    public Func<int> QueueDepth { get; set; } = static () => 0;

    internal void AddBytes(long n) => Interlocked.Add(ref _bytes, n);
    internal void CountReceived() => Interlocked.Increment(ref _received);
    internal void CountFramed() => Interlocked.Increment(ref _framed);
    internal void CountRejected() => Interlocked.Increment(ref _rejected);
    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void ConnectionOpened()
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _activeConnections);
    }

    internal void ConnectionClosed() => Interlocked.Decrement(ref _activeConnections);

    internal void CountBatch(int lines, int unparsed)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _answered, lines);
        if (unparsed > 0) Interlocked.Add(ref _unparsed, unparsed);
    }

    internal void CountFailed(int lines) => Interlocked.Add(ref _failed, lines);
}

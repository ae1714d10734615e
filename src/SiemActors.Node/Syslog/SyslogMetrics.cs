using System.Diagnostics.Metrics;
using SiemActors.Actors.Telemetry;

namespace SiemActors.Node.Syslog;

/// <summary>
/// The listeners' counters as observable instruments on the node's meter, read on scrape (the socket loops only
/// increment plain counters). Summed by listener name, in case a process hosts more than one node.
/// </summary>
internal static class SyslogMetrics
{
    private static readonly Lock Gate = new();
    private static readonly List<SyslogListenerStats> Live = [];

    static SyslogMetrics()
    {
        var meter = SiemMetrics.Meter;
        meter.CreateObservableCounter("siem.syslog.received", () => Read(s => s.Received), "{frame}",
            "Frames (TCP) or datagrams (UDP) read by a syslog listener.");
        meter.CreateObservableCounter("siem.syslog.framed", () => Read(s => s.Framed), "{line}",
            "Lines a syslog listener queued for the pipeline.");
        meter.CreateObservableCounter("siem.syslog.rejected", () => Read(s => s.Rejected), "{frame}",
            "Frames refused by framing: over the size limit, truncated or malformed.");
        meter.CreateObservableCounter("siem.syslog.dropped", () => Read(s => s.Dropped), "{line}",
            "UDP lines dropped because the listener's queue was full.");
        meter.CreateObservableCounter("siem.syslog.received_bytes", () => Read(s => s.Bytes), "By",
            "Bytes read by a syslog listener.");
        meter.CreateObservableCounter("siem.syslog.connections", () => Read(s => s.Connections), "{connection}",
            "TCP/TLS connections accepted.");
        meter.CreateObservableUpDownCounter("siem.syslog.connections.active", () => Read(s => s.ActiveConnections), "{connection}",
            "TCP/TLS connections open now.");
        meter.CreateObservableCounter("siem.syslog.batches", () => Read(s => s.Batches), "{batch}",
            "Batches a syslog listener had scored.");
        meter.CreateObservableCounter("siem.syslog.unparsed", () => Read(s => s.Unparsed), "{line}",
            "Syslog lines the parsers could not read.");
        meter.CreateObservableCounter("siem.syslog.failed", () => Read(s => s.Failed), "{line}",
            "Syslog lines in batches the cluster did not score in time (lost).");
        meter.CreateObservableGauge("siem.syslog.queue.depth", () => Read(s => s.QueueDepth()), "{line}",
            "Lines waiting in a syslog listener's queue for the batcher.");
    }

    public static void Register(SyslogListenerStats stats)
    {
        lock (Gate) Live.Add(stats);
    }

    public static void Unregister(SyslogListenerStats stats)
    {
        lock (Gate) Live.Remove(stats);
    }

    private static List<Measurement<long>> Read(Func<SyslogListenerStats, long> value)
    {
        lock (Gate)
        {
            var byName = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var stats in Live) byName[stats.Name] = byName.GetValueOrDefault(stats.Name) + value(stats);
            var list = new List<Measurement<long>>(byName.Count);
            foreach (var (name, total) in byName) list.Add(new Measurement<long>(total, SiemMetrics.Tag("listener", name)));
            return list;
        }
    }
}

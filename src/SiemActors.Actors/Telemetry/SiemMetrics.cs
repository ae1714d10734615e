using System.Diagnostics;
using System.Diagnostics.Metrics;
using SiemActors.Actors.Parsing;
using SiemActors.Domain.Events;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Telemetry;

/// <summary>
/// The node's own instruments on one <see cref="Meter"/> named <see cref="MeterName"/>, exported at <c>/metrics</c> by the
/// host. Hot-path calls (one per scored event) add to a counter with a tag taken from a static array, so they neither
/// lock nor allocate; everything else is read on scrape by observable instruments.
/// </summary>
public static class SiemMetrics
{
    public const string MeterName = "SiemActors";

    public static readonly Meter Meter = new(MeterName, typeof(SiemMetrics).Assembly.GetName().Version?.ToString());

    // Seconds: scoring one event takes microseconds, a batch up to the batch timeout.
    private static readonly double[] ScoringBuckets = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05];
    private static readonly double[] BatchBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private static readonly Counter<long> Verdicts = Meter.CreateCounter<long>(
        "siem.verdicts", "{verdict}", "Events scored, by risk level.");
    private static readonly Histogram<double> ScoringDuration = Meter.CreateHistogram(
        "siem.scoring.duration", "s", "Time a scorer takes to score one event (models and rules).", null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = ScoringBuckets });
    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram(
        "siem.batch.duration", "s", "Time from a batch reaching the ingress until every line in it is scored, by ingress.", null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = BatchBuckets });
    private static readonly UpDownCounter<long> BatchesInFlight = Meter.CreateUpDownCounter<long>(
        "siem.batches.in_flight", "{batch}", "Batches handed to the ingress and not yet answered, by ingress.");
    private static readonly Counter<long> AlertDeliveries = Meter.CreateCounter<long>(
        "siem.alerts.deliveries", "{delivery}", "Alert revisions delivered or given up on, by channel and outcome.");

    private static readonly Counter<long> HttpRejections = Meter.CreateCounter<long>(
        "siem.http.rejections", "{request}", "HTTP requests refused, by reason (unauthenticated, forbidden, rate_limited, too_large, in_flight, memory, ...).");

    private static readonly Counter<long> AlertsSuppressed = Meter.CreateCounter<long>(
        "siem.alerts.suppressed", "{candidate}", "Alert candidates dropped by an allow-list (Siem:Alerts:Suppress), by rule: ip, network or user.");

    private static readonly Counter<long> AlertPersistFailures = Meter.CreateCounter<long>(
        "siem.alerts.persist_failures", "{event}", "Alert journal writes that failed (database down or too slow); an incident revision among them is retried.");

    private static readonly KeyValuePair<string, object?>[] LevelTags =
        [Tag("level", RiskLevel.Low.ToWire()), Tag("level", RiskLevel.Medium.ToWire()),
         Tag("level", RiskLevel.High.ToWire()), Tag("level", RiskLevel.Critical.ToWire())];

    private static readonly ShardGauges Shards = new();

    static SiemMetrics()
    {
        Meter.CreateObservableCounter("siem.events.received", () => PerSource(s => ParseCounters.ParsedOf(s) + ParseCounters.RejectedOf(s)),
            "{event}", "Lines that reached a parser, by declared source.");
        Meter.CreateObservableCounter("siem.events.parsed", () => PerSource(ParseCounters.ParsedOf),
            "{event}", "Lines parsed into events, by declared source.");
        Meter.CreateObservableCounter("siem.events.rejected", () => PerSource(ParseCounters.RejectedOf),
            "{event}", "Lines no parser could read, by declared source.");
        Meter.CreateObservableGauge("siem.entities.active", LiveEntities,
            "{entity}", "Entities held in memory by this node, by region (ip and user live; alert sampled periodically).");
        Meter.CreateObservableGauge("siem.shards", Shards.Shards,
            "{shard}", "Shards hosted by this node, by region (sampled periodically).");
    }

    /// <summary>
    /// <paramref name="events"/> scored in one go, <paramref name="byLevel"/> counting them per risk level;
    /// <paramref name="startedTimestamp"/> is <see cref="Stopwatch.GetTimestamp"/> before the first. The duration
    /// histogram gets the mean time per event of the group, once.
    /// </summary>
    public static void Scored(ReadOnlySpan<int> byLevel, int events, long startedTimestamp)
    {
        if (events == 0) return;
        for (var level = 0; level < byLevel.Length && level < LevelTags.Length; level++)
            if (byLevel[level] > 0) Verdicts.Add(byLevel[level], LevelTags[level]);
        ScoringDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds / events);
    }

    /// <summary>The final outcome of one alert revision on one channel (after retries).</summary>
    public static void AlertDelivery(string channel, bool delivered) =>
        AlertDeliveries.Add(1, Tag("channel", channel), Tag("outcome", delivered ? "delivered" : "failed"));

    /// <summary>One HTTP request refused (4xx, or a 503 that sheds load); <paramref name="reason"/> is a short fixed word.</summary>
    public static void HttpRejection(string reason) => HttpRejections.Add(1, Tag("reason", reason));

    /// <summary>One alert candidate suppressed by the allow-list rule <paramref name="rule"/> (<c>ip</c>, <c>network</c>, <c>user</c>).</summary>
    public static void AlertSuppressed(string rule) => AlertsSuppressed.Add(1, Tag("rule", rule));

    /// <summary>One alert journal write failed.</summary>
    public static void AlertPersistFailed() => AlertPersistFailures.Add(1);

    /// <summary>Starts timing one batch; dispose the result when the ingress has answered.</summary>
    public static BatchTiming StartBatch(string ingress) => new(ingress);

    /// <summary>What the node's shard regions held at the last sample; called by the host's poller.</summary>
    public static void ReportShards(string region, int shards, int entities) => Shards.Set(region, shards, entities);

    public static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    private static long _liveIps, _liveUsers;

    /// <summary>Entities loaded into (positive) or dropped from (negative) a partition of <paramref name="region"/> (<c>ip</c> or <c>user</c>).</summary>
    public static void EntitiesLive(string region, long delta)
    {
        if (delta == 0) return;
        if (region == "ip") Interlocked.Add(ref _liveIps, delta);
        else Interlocked.Add(ref _liveUsers, delta);
    }

    private static List<Measurement<long>> LiveEntities()
    {
        var list = new List<Measurement<long>>
        {
            new(Interlocked.Read(ref _liveIps), Tag("region", "ip")), new(Interlocked.Read(ref _liveUsers), Tag("region", "user")),
        };
        // Other regions (alerts) hold one entity per actor: their sampled count is the entity count.
        foreach (var (region, count) in Shards.EntitiesByRegion())
            if (region is not ("ip" or "user")) list.Add(new Measurement<long>(count, Tag("region", region)));
        return list;
    }

    private static IEnumerable<Measurement<long>> PerSource(Func<SourceKind, long> read)
    {
        var names = SourceKinds.Names;
        for (var i = 0; i < names.Count; i++)
        {
            var value = read((SourceKind)i);
            if (value > 0) yield return new Measurement<long>(value, Tag("source", names[i]));
        }
    }

    /// <summary>Times a batch and counts it in flight; a struct, so a <c>using</c> costs no allocation.</summary>
    public readonly struct BatchTiming : IDisposable
    {
        private readonly KeyValuePair<string, object?> _tag;
        private readonly long _started;

        internal BatchTiming(string ingress)
        {
            _tag = Tag("ingress", ingress);
            _started = Stopwatch.GetTimestamp();
            BatchesInFlight.Add(1, _tag);
        }

        public void Dispose()
        {
            if (_started == 0) return;
            BatchesInFlight.Add(-1, _tag);
            BatchDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, _tag);
        }
    }

    /// <summary>The last sampled shard and entity counts per region, read on scrape.</summary>
    private sealed class ShardGauges
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, (int Shards, int Entities)> _byRegion = new(StringComparer.Ordinal);

        public void Set(string region, int shards, int entities)
        {
            lock (_lock) _byRegion[region] = (shards, entities);
        }

        public IEnumerable<Measurement<int>> Shards() => Read(static v => v.Shards);
        public List<(string Region, int Entities)> EntitiesByRegion()
        {
            lock (_lock) return [.. _byRegion.Select(static kv => (kv.Key, kv.Value.Entities))];
        }

        private List<Measurement<int>> Read(Func<(int Shards, int Entities), int> pick)
        {
            lock (_lock)
            {
                var list = new List<Measurement<int>>(_byRegion.Count);
                foreach (var (region, value) in _byRegion) list.Add(new Measurement<int>(pick(value), Tag("region", region)));
                return list;
            }
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using SiemActors.Actors.Entities;
using SiemActors.Domain.Entities;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Geo;

namespace SiemActors.Benchmarks;

/// <summary>
/// Retained bytes per IP entity (docs/BENCHMARKS.md, "Entity memory"): the live heap grown by N distinct IPs'
/// state divided by N, after a full collection. Not a BenchmarkDotNet job: BDN measures allocation per call,
/// this measures what stays. Run:
/// <c>dotnet run -c Release --project tests/SiemActors.Benchmarks -- entity-memory [--ips 1000000] [--active 100000] [--actors 100000]</c>
/// </summary>
public static class EntityMemoryBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 13, 9, 0, 0, TimeSpan.Zero);
    private static readonly GeoResult Germany = new(GeoKind.Public, "DE");

    public static void Run(string[] args)
    {
        var ips = Arg(args, "--ips", 1_000_000);
        var active = Arg(args, "--active", 100_000);
        var full = Arg(args, "--full", 10_000);
        var actors = Arg(args, "--actors", 100_000);
        Console.WriteLine($"entity-memory: {Environment.ProcessorCount} cores, {RuntimeInformationLine()}");

        Report($"idle ip (1 failed ssh login), {ips:N0} IPs", Measure(ips, Idle), ips);
        Report($"active ip (1 h of web traffic: 120 requests, 12 paths, 1 agent, 2 logins), {active:N0} IPs", Measure(active, Active), active);
        Report($"worst case ip (every set full: 64 users, 128 paths, 16 agents; 3 h), {full:N0} IPs", Measure(full, Full), full);
        Report($"idle user (1 success, 1 failure), {ips:N0} users", MeasureUsers(ips), ips);
        if (actors > 0) Report($"idle IPs held in 32 IpPartitionActors incl. state, in-memory persistence, {actors:N0} entities", MeasureActors(actors), actors);
    }

    // Each event carries its own copies of its strings, as parsed lines do (a literal would be one shared instance).
    private static void Idle(IpBehaviour s, string ip, int i, Span<float> f) =>
        s.Observe(Auth(ip, Parsed("root"), T0.AddSeconds(i % 3600), ok: false), f);

    private static void Active(IpBehaviour s, string ip, int i, Span<float> f)
    {
        for (var n = 0; n < 120; n++)
            s.Observe(Web(ip, $"/app/page{n % 12}?id={n}", Parsed(BrowserAgent), T0.AddSeconds(n * 30)), f);
        s.Observe(Auth(ip, Parsed("alice"), T0.AddMinutes(5), ok: false), f);
        s.Observe(Auth(ip, Parsed("alice"), T0.AddMinutes(6), ok: true), f);
    }

    private static void Full(IpBehaviour s, string ip, int i, Span<float> f)
    {
        for (var n = 0; n < 3 * 360; n++)
        {
            var at = T0.AddSeconds(n * 10);
            s.Observe(Auth(ip, "user" + (n % 64), at, ok: false), f);
            s.Observe(Web(ip, "/probe/" + (n % 128), "scanner/" + (n % 16), at), f);
        }
    }

    private static (long Bytes, long SnapshotBytes) Measure(int count, Action<IpBehaviour, string, int, Span<float>> feed)
    {
        var states = new IpBehaviour[count];
        var keys = new string[count];
        var f = FeatureNames.NewVector();
        var before = LiveBytes();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var ip = keys[i] = IpOf(i);
            var s = states[i] = new IpBehaviour { Geo = Germany };
            feed(s, ip, i, f);
        }
        sw.Stop();
        var after = LiveBytes();
        var snapshot = JsonSerializer.SerializeToUtf8Bytes(new IpEntitySnapshot(1, states[count / 2].ToSnapshot())).Length;
        Console.WriteLine($"  filled {count:N0} in {sw.Elapsed.TotalSeconds:F1} s");
        GC.KeepAlive(states);
        GC.KeepAlive(keys);
        return (after - before, snapshot);
    }

    private static (long, long) MeasureUsers(int count)
    {
        var states = new UserBehaviour[count];
        var keys = new string[count];
        var f = FeatureNames.NewVector();
        var before = LiveBytes();
        for (var i = 0; i < count; i++)
        {
            var user = keys[i] = "user" + i;
            var s = states[i] = new UserBehaviour();
            s.Observe(Auth("10.1." + (i >> 8 & 255) + "." + (i & 255), user, T0, ok: true) with { UserName = user }, f);
            s.Observe(Auth(Parsed("203.0.113.7"), user, T0.AddMinutes(1), ok: false) with { UserName = user }, f);
        }
        var after = LiveBytes();
        var snapshot = JsonSerializer.SerializeToUtf8Bytes(new UserEntitySnapshot(1, states[count / 2].ToSnapshot())).Length;
        GC.KeepAlive(states);
        GC.KeepAlive(keys);
        return (after - before, snapshot);
    }

    /// <summary>Whole ip partitions (32, as a node runs them) on in-memory plugins, holding <paramref name="count"/> IPs fed one event each.</summary>
    private static (long, long) MeasureActors(int count)
    {
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """);
        using var system = ActorSystem.Create("memory", config);
        var partitioner = new EntityPartitioner(32);
        var policy = new EntitySnapshotPolicy(int.MaxValue, TimeSpan.FromDays(1));
        var store = system.ActorOf(SiemActors.Actors.Entities.State.EntityStateStoreActor.Props(new SiemActors.Actors.Entities.State.InMemoryEntityStateRepository()));
        var before = LiveBytes();
        var refs = partitioner.Ids.Select(id => system.ActorOf(Props.Create(() =>
            new IpPartitionActor(id, partitioner, () => ActorRefs.Nobody, () => ActorRefs.Nobody, () => store, null, policy, TimeSpan.FromDays(1))))).ToArray();
        for (var start = 0; start < count; start += 1000)
        {
            var byPartition = Enumerable.Range(start, Math.Min(1000, count - start)).Select(IpOf)
                .GroupBy(partitioner.IndexOf);
            foreach (var group in byPartition)
                refs[group.Key].Tell(new IpEvents(partitioner.Ids[group.Key], ActorRefs.Nobody, Actors.Ingress.VerdictDetail.None,
                    [.. group.Select(ip => new EntityItem(0, Auth(ip, "root", T0, ok: false), FeatureNames.NewVector()))]));
        }
        // Every entity is loaded and has folded its event once its partition answers with the count.
        var live = refs.Select((r, i) => r.Ask<PartitionStats>(new GetPartitionStats(partitioner.Ids[i]), TimeSpan.FromMinutes(5)).Result.Live).Sum();
        if (live != count) throw new InvalidOperationException($"{live} of {count} entities live");
        var after = LiveBytes();
        using (var self = Process.GetCurrentProcess())
            Console.WriteLine($"  process resident memory with {count:N0} live IPs: {self.WorkingSet64 / 1048576.0:N0} MiB (peak {self.PeakWorkingSet64 / 1048576.0:N0} MiB)");
        GC.KeepAlive(refs);
        system.Terminate().Wait();
        return (after - before, 0);
    }

    private const string BrowserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

    private static string Parsed(string text) => new(text.AsSpan());

    private static string IpOf(int i) => $"{11 + (i >> 16 & 63)}.{i >> 8 & 255}.{i & 255}.{(i >> 22) + 1}";

    private static LogEvent Auth(string ip, string user, DateTimeOffset at, bool ok) => new()
    {
        Timestamp = at, Source = SourceKind.Sshd, Category = EventCategory.Authentication, Action = "ssh_login",
        Outcome = ok ? EventOutcome.Success : EventOutcome.Failure, SourceIp = ip, UserName = user,
    };

    private static LogEvent Web(string ip, string url, string agent, DateTimeOffset at) => new()
    {
        Timestamp = at, Source = SourceKind.Nginx, Category = EventCategory.Web, Action = "http_request", Outcome = EventOutcome.Success,
        SourceIp = ip, HttpMethod = "GET", UrlOriginal = url, HttpStatus = 200, HttpBytes = 2048, UserAgent = agent,
    };

    private static long LiveBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Report(string what, (long Bytes, long SnapshotBytes) m, int count)
    {
        var snapshot = m.SnapshotBytes > 0 ? $", snapshot {m.SnapshotBytes:N0} B (JSON)" : "";
        Console.WriteLine($"{what}: {m.Bytes / (double)count:N0} B per entity ({m.Bytes / 1048576.0:N1} MiB in all){snapshot}");
    }

    private static string RuntimeInformationLine() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, server GC {System.Runtime.GCSettings.IsServerGC}";

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}

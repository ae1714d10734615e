using BenchmarkDotNet.Attributes;
using SiemActors.Actors.Alerting;
using SiemActors.Domain.Entities;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;

namespace SiemActors.Benchmarks;

/// <summary>
/// The per-event stages between parse and score, and the alert entity's decision per alert-worthy verdict:
/// stateless features, the ip and user behaviour update (windows, sets, EWMA) and the incident fold.
/// Run: dotnet run -c Release --project tests/SiemActors.Benchmarks -- --filter '*Stage*' --job short
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly float[] _vector = FeatureNames.NewVector();
    private LogEvent[] _web = null!, _logins = null!;
    private IpBehaviour _ip = null!;
    private UserBehaviour _user = null!;
    private SuppressionPolicy _suppression = null!;
    private AlertCandidate _candidate = null!;
    private IncidentState _incident = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _web = [.. Enumerable.Range(0, 1024).Select(i => new LogEvent
        {
            Timestamp = T0.AddMilliseconds(i * 250), Source = SourceKind.Nginx, Category = EventCategory.Web, Action = "http_request",
            SourceIp = "203.0.113.7", HttpMethod = "GET", UrlOriginal = $"/products/{i % 40}?page={i % 3}", HttpStatus = i % 17 == 0 ? 404 : 200,
            HttpBytes = 5000 + i, UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
        })];
        _logins = [.. Enumerable.Range(0, 1024).Select(i => new LogEvent
        {
            Timestamp = T0.AddSeconds(i * 20), Source = SourceKind.Sshd, Category = EventCategory.Authentication, Action = "ssh_login",
            Outcome = i % 9 == 0 ? EventOutcome.Failure : EventOutcome.Success, SourceIp = $"10.0.{i % 4}.{i % 200}", SourceCountry = i % 50 == 0 ? "NL" : "DE",
            UserName = "alice", ProcessName = "sshd",
        })];
        _ip = new IpBehaviour();
        _user = new UserBehaviour();
        foreach (var e in _web) _ip.Observe(e, _vector);     // warm windows and sets, as a live entity has them
        foreach (var e in _logins) _user.Observe(e, _vector);
        _suppression = SuppressionPolicy.From(new SuppressionOptions { Networks = ["10.0.0.0/8"], Ips = ["192.0.2.1"], Users = ["backup"] });
        var verdict = new Verdict
        {
            IsAnomaly = true, RiskScore = 0.91, Level = RiskLevel.Critical, Action = RecommendedAction.BlockIp,
            Reasons = ["22 failed logins from this IP in the last minute"], ModelScores = [new ModelScore("forest", 0.8), new ModelScore("rules", 0.95)],
            Rules = [new RuleHit("brute_force", RiskLevel.Critical, "brute force")], Features = FeatureNames.NewVector(),
        };
        _candidate = AlertCandidate.From(_logins[1] with { SourceIp = "45.142.212.61", Outcome = EventOutcome.Failure }, verdict);
        _incident = IncidentState.Open(_candidate);
    }

    private LogEvent NextWeb() => _web[_next++ & 1023] with { Timestamp = T0.AddSeconds(300 + _next * 0.25) };

    [Benchmark]
    public float StatelessFeatures()
    {
        EventFeatures.Fill(_web[_next++ & 1023], _vector);
        return _vector[0];
    }

    [Benchmark]
    public float IpBehaviourObserve()
    {
        _ip.Observe(NextWeb(), _vector);
        return _vector[0];
    }

    [Benchmark]
    public float UserBehaviourObserve()
    {
        _user.Observe(_logins[_next++ & 1023] with { Timestamp = T0.AddSeconds(30_000 + _next * 20) }, _vector);
        return _vector[0];
    }

    [Benchmark]
    public int AlertDecision()
    {
        // What the alert entity does per alert-worthy verdict: allow-list check, then fold into the open incident.
        if (_suppression.Match(_candidate) is not null) return 0;
        _incident = _incident.Fold(_candidate);
        return _incident.Revision;
    }
}

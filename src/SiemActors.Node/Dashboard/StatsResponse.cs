namespace SiemActors.Node.Dashboard;

/// <summary>The answer of <c>GET /api/v1/stats</c>, written in snake_case like the rest of the API.</summary>
public sealed record StatsResponse(
    int TotalIncidents,
    IReadOnlyDictionary<string, int> ByLevel,
    IReadOnlyDictionary<string, int> ByScenario,
    RiskTimeline RiskOverTime,
    IReadOnlyList<AttackerRow> TopIps,
    IReadOnlyList<TargetRow> TargetedUsers);

/// <param name="BucketSeconds">Width of each point, chosen so the incidents' event-time range fits.</param>
public sealed record RiskTimeline(int BucketSeconds, IReadOnlyList<RiskPoint> Points);

/// <param name="Active">Incidents whose first..last event overlaps the bucket.</param>
/// <param name="Opened">Incidents whose first event falls in the bucket.</param>
/// <param name="MaxRisk">The highest peak risk among the active incidents.</param>
public sealed record RiskPoint(DateTimeOffset Start, int Active, int Opened, double MaxRisk);

public sealed record AttackerRow(string Ip, int Incidents, long Events, double PeakRisk, string Level, DateTimeOffset LastSeen,
    IReadOnlyList<string> Scenarios)
{
    /// <summary>From the IP's profile: an ISO code, <c>internal</c> or <c>unknown</c>.</summary>
    public string Country { get; init; } = "unknown";
}

/// <param name="Attempts">Login attempts on this user from the attacking IPs, summed over their profiles.</param>
/// <param name="Ips">How many of the attacking IPs tried this user.</param>
/// <param name="Incidents">Incidents about the user itself (events that named no IP).</param>
public sealed record TargetRow(string User, long Attempts, int Ips, int Incidents, DateTimeOffset? LastSeen);

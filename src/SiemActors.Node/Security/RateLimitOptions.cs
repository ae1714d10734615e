namespace SiemActors.Node.Security;

/// <summary>
/// Bound from <c>Siem:Limits:RateLimit</c>: token buckets of requests per second, one per client IP and one per
/// credential (API key name or JWT subject). Both apply; 0 permits: that limiter is off.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Siem:Limits:RateLimit";

    public int PerIpPermitsPerSecond { get; set; } = 200;
    public int PerIpBurst { get; set; } = 400;
    public int PerKeyPermitsPerSecond { get; set; } = 500;
    public int PerKeyBurst { get; set; } = 1000;
}

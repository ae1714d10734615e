using Microsoft.Extensions.Options;
using SiemActors.Actors.Hosting;

namespace SiemActors.Node.Security;

/// <summary>
/// Logs the node's security posture once at start (how many keys, whether JWTs are taken, limits, memory budget, cluster
/// TLS) so an operator sees what is open. Never logs a key, a hash or a signing key.
/// </summary>
public sealed class SecurityReport(AuthOptions auth, ApiKeyStore keys, MemoryMonitor memory, IOptions<AdmissionOptions> admission,
    RateLimitOptions rates, IOptions<SiemOptions> siem, ILogger<SecurityReport> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (auth.Enabled)
            log.LogInformation("API authentication on: {Keys} API key(s), JWT bearer {Jwt}; metrics {Metrics}, docs {Docs}",
                keys.Count, auth.Jwt.Enabled ? "accepted" : "off", auth.ProtectMetrics ? "protected" : "open", auth.ProtectDocs ? "protected" : "open");
        else if (auth.AllowAnonymousNonLoopback)
            log.LogWarning("UNSAFE: no API key or JWT configured and {OptOut}=true: the API is open to anyone who reaches it", ExposureGuard.OptOutKey);
        else
            log.LogInformation("No API key or JWT configured: the API is open, and the node listens on loopback only");
        log.LogInformation("Limits: {PerIp} requests/s per IP, {PerKey} per key; {InFlight} events in flight; memory budget {Budget}",
            rates.PerIpPermitsPerSecond, rates.PerKeyPermitsPerSecond, admission.Value.MaxEventsInFlight,
            memory.BudgetMb > 0 ? $"{memory.BudgetMb} MiB" : "none");
        var cluster = siem.Value.Cluster;
        if (!cluster.Tls.Enabled && !ExposureGuard.IsLoopback("tcp://" + cluster.Hostname + ":0"))
            log.LogWarning("Akka.Remote listens on {Host} without TLS: cluster traffic is readable and forgeable on that network; set Siem:Cluster:Tls:CertificatePath",
                cluster.Hostname);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

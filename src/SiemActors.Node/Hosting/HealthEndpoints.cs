using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace SiemActors.Node.Hosting;

/// <summary>/healthz/live (the actor system runs) and /healthz/ready (it is an up cluster member); never behind auth.</summary>
public static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("liveness") });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = _ => true });
    }
}

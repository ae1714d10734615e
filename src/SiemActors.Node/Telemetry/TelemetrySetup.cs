using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using SiemActors.Actors.Telemetry;

namespace SiemActors.Node.Telemetry;

/// <summary><c>/metrics</c> in Prometheus text format: the node's own meter, the runtime (GC, thread pool) and ASP.NET Core.</summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    // Built into .NET 9+: no instrumentation packages needed for the runtime and the HTTP server.
    private static readonly string[] PlatformMeters =
        ["System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static IServiceCollection AddSiemTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TelemetryOptions>(configuration.GetSection(TelemetryOptions.Section));
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("siem"))
            .WithMetrics(metrics => metrics
                .AddMeter(SiemMetrics.Meter.Name) // touching Meter creates the observable instruments now
                .AddMeter(PlatformMeters)
                // No scrape cache: a scrape right after a run must see that run's counts (siem load's node counters).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        services.AddHostedService<ShardStatsSampler>();
        return services;
    }

    public static WebApplication MapSiemMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}

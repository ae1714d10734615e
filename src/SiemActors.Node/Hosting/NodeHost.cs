using Akka.Cluster.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Scoring;
using SiemActors.Node.Dashboard;
using SiemActors.Node.Http;
using SiemActors.Node.OpenApi;
using SiemActors.Node.Security;
using SiemActors.Node.Syslog;
using SiemActors.Node.Telemetry;

namespace SiemActors.Node.Hosting;

/// <summary>Builds the node: configuration, the Akka node, and the HTTP API on Kestrel.</summary>
public static class NodeHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // appsettings.json beside the executable, then the working directory's, then environment and args.
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection(SiemOptions.Section).Get<SiemOptions>() ?? new SiemOptions();
        builder.WebHost.UseUrls(ListenUrls(builder.Configuration, options.Cluster));
        options.Models.Path = ResolveModelPath(options.Models.Path);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.Configure<HttpLimits>(builder.Configuration.GetSection(HttpLimits.Section));
        builder.Services.AddSingleton(sp => new ModelProvider(options.Models.Path,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ModelProvider>(), options.Models.Watch));
        builder.Services.AddAlertChannels(options);
        builder.Services.AddSingleton<SiemActors.Domain.Geo.IGeoIpLookup>(sp => SiemActors.Actors.Geo.GeoIpDatabase.OpenOrFallback(
            options.GeoIp.ResolvePath(options.DataDir), sp.GetRequiredService<ILoggerFactory>().CreateLogger("SiemActors.GeoIp")));
        builder.Services.AddSingleton<IngressClient>();
        builder.Services.AddSingleton<AnalyzeBatcher>();
        builder.Services.AddHealthChecks();
        builder.Services.AddProblemDetails();
        builder.AddSiemSecurity(); // refuses to start beyond loopback without a credential (docs/SECURITY.md)
        builder.Services.AddSiemTelemetry(builder.Configuration);
        builder.Services.AddSiemOpenApi();
        builder.Services.AddAkka(ClusterSettings.SystemName, (akka, sp) =>
        {
            akka.AddSiemNode(options, sp)
                .WithMicrosoftLogging()
                .WithActorSystemLivenessCheck()
                .WithAkkaClusterReadinessCheck();
        });
        builder.Services.AddSiemSyslog(builder.Configuration); // after AddAkka: stops (and drains) before the actor system

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSiemSecurity();
        HealthEndpoints.Map(app);
        BootstrapSeedNodesEndpoint.Map(app);
        app.MapSiemMetrics();
        app.MapSiemDocs();
        app.MapSiemDashboard();
        var api = app.MapGroup("/api/v1");
        api.MapPost("/logs/analyze", AnalyzeEndpoint.Handle).DocumentAnalyze().RequireAuthorization(Scopes.IngestPolicy);
        api.MapPost("/logs", BatchEndpoint.Handle).DocumentBatch().RequireAuthorization(Scopes.IngestPolicy);
        api.MapGet("/alerts", AlertsEndpoint.Handle).DocumentAlerts().RequireAuthorization(Scopes.ReadPolicy);
        api.MapGet("/alerts/{id}", AlertsEndpoint.HandleOne).DocumentAlert().RequireAuthorization(Scopes.ReadPolicy);
        api.MapPost("/alerts/{id}/ack", AlertAckEndpoint.Handle).DocumentAck().RequireAuthorization(Scopes.ReadPolicy);
        api.MapGet("/entities/{kind}/{key}", EntitiesEndpoint.Handle).DocumentEntities().RequireAuthorization(Scopes.ReadPolicy);
        api.MapGet("/cluster", ClusterEndpoint.Handle).RequireAuthorization(Scopes.ReadPolicy);
        api.MapGet("/stats", StatsEndpoint.Handle).RequireAuthorization(Scopes.ReadPolicy);
        return app;
    }

    /// <summary>
    /// The configured URLs (or the loopback default), plus the management port when cluster bootstrap runs: the
    /// contact-point route lives there, apart from the API.
    /// </summary>
    private static string[] ListenUrls(IConfiguration configuration, ClusterSettings cluster)
    {
        var configured = configuration["urls"] ?? configuration["ASPNETCORE_URLS"];
        var urls = string.IsNullOrEmpty(configured) ? [DefaultUrl] : configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (cluster.UsesBootstrap)
        {
            // Kubernetes probes arrive on the pod IP; a static list names this host's own address.
            var bind = cluster.DiscoveryMode == "kubernetes" ? "0.0.0.0" : cluster.Hostname;
            urls.Add($"http://{bind}:{cluster.ManagementPort}");
        }
        return [.. urls];
    }

    /// <summary>A relative model path is looked up in the working directory first, then beside the executable.</summary>
    private static string ResolveModelPath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path)) return Path.GetFullPath(path);
        var besideExe = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideExe) ? besideExe : Path.GetFullPath(path);
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace SiemActors.Node.Security;

/// <summary>
/// Who may call the API and how much: API keys and JWTs with scopes, per-IP and per-key rate limits, admission
/// (events in flight, memory budget), and the loopback-only default. NodeHost calls <see cref="AddSiemSecurity"/>
/// while building and <see cref="UseSiemSecurity"/> before mapping endpoints; docs/SECURITY.md explains each control.
/// </summary>
public static class SecuritySetup
{
    private const string SelectorScheme = "siem";

    public static WebApplicationBuilder AddSiemSecurity(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        ExposureGuard.Check(configuration, auth);
        var rates = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var services = builder.Services;

        services.AddSingleton(auth);
        services.AddSingleton(rates);
        services.AddSingleton(new ApiKeyStore(auth)); // validates hashes and scopes now: a bad entry stops the start
        services.Configure<AdmissionOptions>(configuration.GetSection(Http.HttpLimits.Section));
        services.AddSingleton<MemoryMonitor>();
        services.AddSingleton<AdmissionControl>();
        services.AddHostedService<SecurityReport>();

        // Authentication registers data protection; nothing here signs cookies, so keep its keys in memory rather
        // than write unencrypted key files to the home directory.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or bearer token", o => o.ForwardDefaultSelector = context =>
                auth.Jwt.Enabled && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        authentication.AddSiemJwt(auth.Jwt);

        services.AddAuthorizationBuilder()
            .AddPolicy(Scopes.IngestPolicy, p => Scope(p, auth, Scopes.Ingest))
            .AddPolicy(Scopes.ReadPolicy, p => Scope(p, auth, Scopes.Read))
            .AddPolicy(Scopes.AdminPolicy, p => Scope(p, auth, Scopes.Admin));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddSiemRateLimiting(rates);
        return builder;
    }

    /// <summary>Counting, authentication, rate limits, then authorization; call after the exception handler, before Map*.</summary>
    public static WebApplication UseSiemSecurity(this WebApplication app)
    {
        app.UseRejectionCounting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<OperatorEndpointGuard>();
        return app;
    }

    /// <summary>With no credential configured every policy admits anyone (the loopback-only default); otherwise a scope is required.</summary>
    private static void Scope(AuthorizationPolicyBuilder policy, AuthOptions auth, string scope)
    {
        if (auth.Enabled) policy.AddRequirements(new ScopeRequirement(scope));
        else policy.RequireAssertion(_ => true);
    }
}

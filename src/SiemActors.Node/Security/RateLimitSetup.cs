using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SiemActors.Node.Security;

/// <summary>
/// Per client IP and per credential token buckets on <c>/api/v1</c>. Health, metrics and docs are never limited, so
/// probes keep answering while a client is being throttled. Runs after authentication (the key's name partitions the
/// second bucket) and before authorization, so guessing keys also spends the guesser's IP bucket.
/// </summary>
public static class RateLimitSetup
{
    public const string ApiPrefix = "/api";

    public static IServiceCollection AddSiemRateLimiting(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(PerIp(limits), PerCredential(limits));
            options.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                RejectionCounting.SetReason(http, "rate_limited");
                return new ValueTask(Results.Problem(
                    detail: $"too many requests from this client; retry after {seconds} s (Siem:Limits:RateLimit)",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(http));
            };
        });
        return services;
    }

    private static PartitionedRateLimiter<HttpContext> PerIp(RateLimitOptions limits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            !IsApi(context) || limits.PerIpPermitsPerSecond <= 0
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetTokenBucketLimiter("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => Bucket(limits.PerIpPermitsPerSecond, limits.PerIpBurst)));

    private static PartitionedRateLimiter<HttpContext> PerCredential(RateLimitOptions limits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var name = Credential(context.User);
            return !IsApi(context) || limits.PerKeyPermitsPerSecond <= 0 || name is null
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetTokenBucketLimiter("key:" + name, _ => Bucket(limits.PerKeyPermitsPerSecond, limits.PerKeyBurst));
        });

    /// <summary>The API key's configured name, or the JWT subject; null for an anonymous request.</summary>
    private static string? Credential(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? null
            : user.FindFirstValue("siem:key") is { } key ? key
            : user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity.Name;

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(perSecond, burst),
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase);
}

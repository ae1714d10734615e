using SiemActors.Actors.Telemetry;

namespace SiemActors.Node.Security;

/// <summary>
/// Counts every refused request in <c>siem_http_rejections_total{reason}</c>: the reason a control recorded on the
/// request, or one read from the status code. One place, so no refusal path can forget its counter.
/// </summary>
public static class RejectionCounting
{
    private const string ItemKey = "siem.rejection";

    public static void SetReason(HttpContext context, string reason) => context.Items[ItemKey] = reason;

    public static IApplicationBuilder UseRejectionCounting(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            SiemMetrics.HttpRejection("error");
            throw;
        }
        var status = context.Response.StatusCode;
        if (status < 400) return;
        var reason = context.Items.TryGetValue(ItemKey, out var set) && set is string s ? s : FromStatus(status);
        SiemMetrics.HttpRejection(reason);
    });

    public static string FromStatus(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "too_large",
        415 => "unsupported_media_type",
        429 => "rate_limited",
        503 => "unavailable",
        >= 500 => "error",
        _ => "other",
    };
}

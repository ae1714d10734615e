using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace SiemActors.Node.Security;

/// <summary>
/// Answers a refused request with problem JSON (401: no or a bad credential; 403: a credential without the scope)
/// instead of the schemes' bare challenges, and says which credentials the node takes. Never echoes what was sent.
/// </summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged) return Unauthenticated(context);
        if (authorizeResult.Forbidden) return Forbidden(context, policy);
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    public static Task Unauthenticated(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "ApiKey, Bearer";
        RejectionCounting.SetReason(context, "unauthenticated");
        var sent = ApiKeyAuthenticationHandler.Presented(context.Request) is not null || context.Request.Headers.Authorization.Count > 0;
        var detail = sent
            ? "the credential is not valid (unknown API key, or a bearer token that is expired, not yet valid or wrongly signed)"
            : "this endpoint needs a credential: an X-Api-Key header, Authorization: ApiKey KEY, or Authorization: Bearer JWT";
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context);
    }

    public static Task Forbidden(HttpContext context, AuthorizationPolicy policy)
    {
        RejectionCounting.SetReason(context, "forbidden");
        var needed = policy.Requirements.OfType<ScopeRequirement>().FirstOrDefault()?.Scope ?? "another";
        return Results.Problem(detail: $"the credential lacks the '{needed}' scope this endpoint needs (or 'admin')",
            statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
    }
}

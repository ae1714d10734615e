using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SiemActors.Node.Security;

/// <summary>
/// Two rules the endpoint mappings cannot express themselves: <c>/metrics</c> and <c>/docs</c> (with
/// <c>/openapi</c>) need the <c>read</c> scope when the operator protects them, and an <c>/api</c> endpoint mapped
/// without a policy (a new one someone forgot to mark) needs <c>admin</c>, so the API fails closed.
/// </summary>
public sealed class OperatorEndpointGuard(RequestDelegate next, AuthOptions auth, IAuthorizationService authorization)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var policy = PolicyFor(context);
        if (policy is null || !auth.Enabled)
        {
            await next(context);
            return;
        }
        var result = await authorization.AuthorizeAsync(context.User, null, policy);
        if (result.Succeeded) await next(context);
        else if (context.User.Identity?.IsAuthenticated != true) await ProblemAuthorizationResultHandler.Unauthenticated(context);
        else
        {
            var options = context.RequestServices.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
            await ProblemAuthorizationResultHandler.Forbidden(context, options.GetPolicy(policy)!);
        }
    }

    private string? PolicyFor(HttpContext context)
    {
        var path = context.Request.Path;
        if (auth.ProtectMetrics && path.StartsWithSegments("/metrics")) return Scopes.ReadPolicy;
        if (auth.ProtectDocs && (path.StartsWithSegments("/docs") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/scalar")))
            return Scopes.ReadPolicy;
        if (path.StartsWithSegments(RateLimitSetup.ApiPrefix) && context.GetEndpoint() is { } endpoint
            && endpoint.Metadata.GetMetadata<IAuthorizeData>() is null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            return Scopes.AdminPolicy;
        return null;
    }
}

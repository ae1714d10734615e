using Microsoft.AspNetCore.Authorization;

namespace SiemActors.Node.Security;

/// <summary>
/// The caller holds <see cref="Scope"/> or <c>admin</c>. Scopes come from <c>scope</c> claims; a JWT's space-separated
/// <c>scope</c> (RFC 8693) and a repeated claim are both read.
/// </summary>
public sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && Holds(context.User, requirement.Scope)) context.Succeed(requirement);
        return Task.CompletedTask;
    }

    public static bool Holds(System.Security.Claims.ClaimsPrincipal user, string scope)
    {
        foreach (var claim in user.FindAll(c => c.Type is Scopes.ClaimType or "scp" or "http://schemas.microsoft.com/identity/claims/scope"))
        {
            foreach (var granted in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                if (granted == scope || granted == Scopes.Admin) return true;
        }
        return false;
    }
}

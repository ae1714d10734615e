using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SiemActors.Node.Security;

/// <summary>
/// Reads a key from <c>X-Api-Key: KEY</c> or <c>Authorization: ApiKey KEY</c>. No key: no result, so a JWT may still
/// authenticate the request; a wrong key: failure (401). The key itself is never logged or echoed.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (presented.Length == 0 || presented.Length > 512)
            return Task.FromResult(AuthenticateResult.Fail("the API key is empty or too long"));
        var match = keys.Find(presented);
        if (match is not { } key) return Task.FromResult(AuthenticateResult.Fail("the API key is not valid"));

        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name), new("siem:key", key.Name) };
        foreach (var scope in key.Scopes) claims.Add(new Claim(Scopes.ClaimType, scope));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    /// <returns>The key as sent, "" for a header present but empty, or null when the request carries none.</returns>
    public static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header)) return header.Count == 1 ? header[0]!.Trim() : "";
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase) ? authorization[(SchemeName.Length + 1)..].Trim() : null;
    }
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace SiemActors.Node.Security;

/// <summary>
/// JWT bearer tokens signed with a shared HMAC key (<c>Siem:Auth:Jwt</c>), for deployments that already issue tokens.
/// Lifetime is required and checked; issuer and audience are checked when configured; only HMAC-SHA2 algorithms are
/// accepted, so a token cannot pick <c>none</c> or an asymmetric algorithm keyed by our secret.
/// </summary>
public static class JwtSetup
{
    public static AuthenticationBuilder AddSiemJwt(this AuthenticationBuilder authentication, JwtSettings jwt)
    {
        if (!jwt.Enabled) return authentication;
        var key = SigningKey(jwt);
        return authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.MapInboundClaims = false; // keep "scope" and "sub" as sent
            options.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = key,
                ValidateIssuerSigningKey = true,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512],
                ValidateIssuer = !string.IsNullOrWhiteSpace(jwt.Issuer),
                ValidIssuer = jwt.Issuer,
                ValidateAudience = !string.IsNullOrWhiteSpace(jwt.Audience),
                ValidAudience = jwt.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = jwt.ClockSkew,
                NameClaimType = "sub",
            };
        });
    }

    public static SymmetricSecurityKey SigningKey(JwtSettings jwt)
    {
        var bytes = new byte[jwt.SigningKey!.Length];
        if (!Convert.TryFromBase64String(jwt.SigningKey.Trim(), bytes, out var written))
            throw new InvalidOperationException("Siem:Auth:Jwt:SigningKey must be base64 (e.g. `openssl rand -base64 32`)");
        if (written < 32)
            throw new InvalidOperationException($"Siem:Auth:Jwt:SigningKey decodes to {written} bytes; HMAC-SHA256 needs at least 32");
        return new SymmetricSecurityKey(bytes[..written]);
    }
}

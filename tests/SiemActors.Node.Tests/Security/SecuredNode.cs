using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using SiemActors.Node.Security;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Security;

/// <summary>A node with API keys of each scope and a JWT signing key, metrics protected; keys made here, hashes configured.</summary>
public sealed class SecuredNode : IAsyncLifetime
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "siem";

    public static readonly string IngestKey = Cli.ApiKeyCommand.NewKey();
    public static readonly string ReadKey = Cli.ApiKeyCommand.NewKey();
    public static readonly string AdminKey = Cli.ApiKeyCommand.NewKey();
    public static readonly byte[] JwtKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await TestNode.StartAsync(null, null,
    [
        $"--Siem:Auth:ApiKeys:shipper:Hash={ApiKeyStore.HashHex(IngestKey)}", "--Siem:Auth:ApiKeys:shipper:Scopes:0=ingest",
        // base64 is accepted as well as hex
        $"--Siem:Auth:ApiKeys:analyst:Hash={Convert.ToBase64String(Convert.FromHexString(ApiKeyStore.HashHex(ReadKey)))}", "--Siem:Auth:ApiKeys:analyst:Scopes:0=read",
        $"--Siem:Auth:ApiKeys:ops:Hash={ApiKeyStore.HashHex(AdminKey)}", "--Siem:Auth:ApiKeys:ops:Scopes:0=admin",
        $"--Siem:Auth:Jwt:SigningKey={Convert.ToBase64String(JwtKey)}", $"--Siem:Auth:Jwt:Issuer={Issuer}", $"--Siem:Auth:Jwt:Audience={Audience}",
        "--Siem:Auth:ProtectMetrics=true",
    ]);

    public async Task DisposeAsync() => await Node.DisposeAsync();

    /// <summary>A token as an identity provider would issue it; every part can be spoilt for the negative cases.</summary>
    public static string Token(string scope, byte[]? key = null, DateTime? expires = null, string issuer = Issuer, string audience = Audience)
    {
        var now = DateTime.UtcNow;
        var exp = expires ?? now.AddMinutes(5);
        var token = new JwtSecurityToken(issuer, audience, [new Claim("sub", "svc-shipper"), new Claim("scope", scope)],
            notBefore: exp < now ? exp.AddMinutes(-10) : now.AddMinutes(-1), expires: exp,
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(key ?? JwtKey), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredNodeCollection : ICollectionFixture<SecuredNode>
{
    public const string Name = "secured node";
}

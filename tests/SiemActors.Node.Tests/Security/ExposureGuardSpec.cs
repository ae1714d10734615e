using Microsoft.Extensions.Configuration;
using SiemActors.Node.Security;
using Xunit;

namespace SiemActors.Node.Tests.Security;

/// <summary>Without a credential the node listens on loopback only, unless the operator opts out explicitly.</summary>
public sealed class ExposureGuardSpec
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("https://siem.example.com", false)]
    public void Loopback_is_recognised(string url, bool loopback) => Assert.Equal(loopback, ExposureGuard.IsLoopback(url));

    [Fact]
    public void A_non_loopback_url_without_credentials_refuses_to_start_naming_the_settings()
    {
        var ex = Assert.Throws<InsecureExposureException>(() => ExposureGuard.Check(Config(("urls", "http://0.0.0.0:5080")), new AuthOptions()));
        Assert.Contains("Siem:Auth:ApiKeys", ex.Message);
        Assert.Contains(ExposureGuard.OptOutKey, ex.Message);
        Assert.Throws<InsecureExposureException>(() => ExposureGuard.Check(Config(("ASPNETCORE_HTTP_PORTS", "8080")), new AuthOptions()));
    }

    [Fact]
    public void Loopback_a_key_a_jwt_or_the_explicit_opt_out_let_it_start()
    {
        ExposureGuard.Check(Config(), new AuthOptions());
        ExposureGuard.Check(Config(("urls", "http://127.0.0.1:5080;http://localhost:5081")), new AuthOptions());
        var withKey = new AuthOptions { ApiKeys = { ["ci"] = new ApiKeyEntry { Hash = new string('a', 64), Scopes = ["ingest"] } } };
        ExposureGuard.Check(Config(("urls", "http://0.0.0.0:5080")), withKey);
        ExposureGuard.Check(Config(("urls", "http://0.0.0.0:5080")), new AuthOptions { Jwt = { SigningKey = Convert.ToBase64String(new byte[32]) } });
        ExposureGuard.Check(Config(("urls", "http://0.0.0.0:5080")), new AuthOptions { AllowAnonymousNonLoopback = true });
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Security;

/// <summary>Every /api/v1 endpoint needs a credential with the right scope; health stays open; refusals are problem JSON.</summary>
[Collection(SecuredNodeCollection.Name)]
public sealed class AuthenticationSpec(SecuredNode secured)
{
    private const string Line = "Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2";

    private HttpClient Http => secured.Node.Http;

    private static HttpRequestMessage Analyze(Action<HttpRequestHeaders>? auth = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/logs/analyze")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { log_line = Line }), Encoding.UTF8, "application/json"),
        };
        auth?.Invoke(request.Headers);
        return request;
    }

    private static HttpRequestMessage Get(string path, Action<HttpRequestHeaders>? auth = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        auth?.Invoke(request.Headers);
        return request;
    }

    private static Action<HttpRequestHeaders> Key(string key) => h => h.Add("X-Api-Key", key);
    private static Action<HttpRequestHeaders> Bearer(string token) => h => h.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private async Task<(HttpStatusCode Status, string Detail)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await Http.SendAsync(request))
        {
            if ((int)response.StatusCode < 400) return (response.StatusCode, "");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (response.StatusCode, json.GetProperty("detail").GetString()!);
        }
    }

    [Fact]
    public async Task No_key_is_401_with_the_ways_to_authenticate()
    {
        using var response = await Http.SendAsync(Analyze());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
        var (_, detail) = await SendAsync(Analyze());
        Assert.Contains("X-Api-Key", detail);
    }

    [Theory]
    [InlineData("siem_not-a-real-key")]
    [InlineData("")]
    public async Task A_wrong_key_is_401_and_is_not_echoed(string key)
    {
        var (status, detail) = await SendAsync(Analyze(h => h.TryAddWithoutValidation("X-Api-Key", key)));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        if (key.Length > 0) Assert.DoesNotContain(key, detail);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_403_naming_the_scope()
    {
        var (status, detail) = await SendAsync(Analyze(Key(SecuredNode.ReadKey)));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("'ingest'", detail);

        (status, detail) = await SendAsync(Get("/api/v1/alerts", Key(SecuredNode.IngestKey)));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("'read'", detail);
    }

    [Fact]
    public async Task Keys_with_the_scope_are_accepted_in_either_header_and_admin_may_do_everything()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Analyze(Key(SecuredNode.IngestKey)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Analyze(h => h.Authorization = new AuthenticationHeaderValue("ApiKey", SecuredNode.IngestKey)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Get("/api/v1/alerts", Key(SecuredNode.ReadKey)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Analyze(Key(SecuredNode.AdminKey)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Get("/api/v1/cluster", Key(SecuredNode.AdminKey)))).Status);
    }

    [Fact]
    public async Task Health_stays_open_and_protected_metrics_need_a_read_key()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Get("/healthz/live"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Get("/healthz/ready"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Get("/metrics"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(Get("/metrics", Key(SecuredNode.IngestKey)))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Get("/metrics", Key(SecuredNode.ReadKey)))).Status);
    }

    [Fact]
    public async Task A_signed_token_with_the_scope_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Analyze(Bearer(SecuredNode.Token("ingest read"))))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Get("/api/v1/alerts", Bearer(SecuredNode.Token("read"))))).Status);
    }

    [Fact]
    public async Task Expired_wrongly_signed_or_foreign_tokens_are_401_and_a_token_without_the_scope_403()
    {
        var otherKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Analyze(Bearer(SecuredNode.Token("ingest", expires: DateTime.UtcNow.AddMinutes(-5)))))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Analyze(Bearer(SecuredNode.Token("ingest", key: otherKey))))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Analyze(Bearer(SecuredNode.Token("ingest", issuer: "https://evil.test"))))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Analyze(Bearer(SecuredNode.Token("ingest", audience: "other"))))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Analyze(Bearer("not.a.jwt")))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(Analyze(Bearer(SecuredNode.Token("read"))))).Status);
    }

    [Fact]
    public async Task Refusals_are_counted_by_reason()
    {
        await SendAsync(Analyze());
        await SendAsync(Analyze(Key(SecuredNode.ReadKey)));
        await Eventually.Async(async () =>
        {
            using var request = Get("/metrics", Key(SecuredNode.ReadKey));
            using var response = await Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return text.Contains("siem_http_rejections_total{") && text.Contains("reason=\"unauthenticated\"") && text.Contains("reason=\"forbidden\"");
        }, TimeSpan.FromSeconds(10), "rejections in /metrics");
    }
}

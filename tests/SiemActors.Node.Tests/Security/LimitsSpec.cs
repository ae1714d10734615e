using System.Net;
using System.Text;
using System.Text.Json;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Security;

/// <summary>Over its rate a client gets 429, a node over its memory budget sheds batches with 503; both with Retry-After, health stays up.</summary>
public sealed class LimitsSpec
{
    private const string Line = "Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2";

    private static StringContent Body() => new(JsonSerializer.Serialize(new { log_line = Line }), Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_Retry_After_and_health_is_not_limited()
    {
        // 1 request/s and a burst of 3: the bucket cannot refill 3 tokens while 10 requests go out back to back.
        await using var node = await TestNode.StartAsync(null, null,
            "--Siem:Limits:RateLimit:PerIpPermitsPerSecond=1", "--Siem:Limits:RateLimit:PerIpBurst=3");
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await node.Http.PostAsync("/api/v1/logs/analyze", Body());
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else response.Dispose();
        }
        Assert.NotNull(limited);
        using (limited)
        {
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(limited.Headers.RetryAfter?.Delta);
            Assert.True(limited.Headers.RetryAfter!.Delta >= TimeSpan.FromSeconds(1));
        }
        for (var i = 0; i < 10; i++)
        {
            using var health = await node.Http.GetAsync("/healthz/live");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Fact]
    public async Task Over_the_memory_budget_batches_are_shed_with_503_and_Retry_After_and_counted()
    {
        // A 1 MiB budget: any running node is over it from its first sample.
        await using var node = await TestNode.StartAsync(null, null, "--Siem:Limits:MemoryBudgetMb=1");
        HttpResponseMessage? shed = null;
        await Eventually.Async(async () =>
        {
            var response = await node.Http.PostAsync("/api/v1/logs", new StringContent(Line, Encoding.UTF8, "text/plain"));
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                response.Dispose();
                return false;
            }
            shed = response;
            return true;
        }, TimeSpan.FromSeconds(10), "a batch shed");
        using (shed)
        {
            Assert.Equal("application/problem+json", shed!.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), shed.Headers.RetryAfter?.Delta);
            Assert.Contains("Siem:Limits:MemoryBudgetMb", await shed.Content.ReadAsStringAsync());
        }
        using (var live = await node.Http.GetAsync("/healthz/live")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await Eventually.Async(async () => (await node.Http.GetStringAsync("/metrics")).Contains("reason=\"memory\""),
            TimeSpan.FromSeconds(10), "memory rejections in /metrics");
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests;

/// <summary>Bad requests get a 400/413 problem JSON that says what was wrong; the node keeps serving.</summary>
[Collection(NodeCollection.Name)]
public sealed class BadInputSpec(SharedNode shared)
{
    private async Task<(HttpStatusCode Status, string Detail)> PostAsync(string path, string body, string contentType)
    {
        using var response = await shared.Node.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.StatusCode, json.GetProperty("detail").GetString()!);
    }

    [Theory]
    [InlineData("", "empty body")]
    [InlineData("this is not json", "not valid JSON")]
    [InlineData("[1,2]", "expected a JSON object")]
    [InlineData("{\"source\":\"sshd\"}", "missing \"log_line\"")]
    [InlineData("{\"log_line\":42}", "\"log_line\" must be a string")]
    [InlineData("{\"log_line\":\"Jan 13 03:45:12 server sshd[1]: x\",\"source\":\"windows\"}", "unknown source 'windows'")]
    public async Task Analyze_refuses_bad_bodies_with_a_reason(string body, string expected)
    {
        var (status, detail) = await PostAsync("/api/v1/logs/analyze", body, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, detail);
    }

    [Fact]
    public async Task A_line_over_64_KiB_is_refused_with_its_size()
    {
        var line = new string('A', 64 * 1024 + 1);
        var (status, detail) = await PostAsync("/api/v1/logs/analyze", JsonSerializer.Serialize(new { log_line = line }), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("65537 bytes", detail);
        Assert.Contains("65536", detail);
    }

    [Fact]
    public async Task Batch_refuses_an_unknown_source_parameter_and_an_oversized_body()
    {
        var (status, detail) = await PostAsync("/api/v1/logs?source=eventlog", "a line", "text/plain");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("unknown source 'eventlog'", detail);

        var big = string.Join('\n', Enumerable.Repeat(new string('x', 1000), 2200));
        (status, detail) = await PostAsync("/api/v1/logs", big, "text/plain");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("2097152", detail);
    }

    [Fact]
    public async Task An_unreadable_log_line_is_a_400_with_the_parser_reason()
    {
        var (status, detail) = await PostAsync("/api/v1/logs/analyze", "{\"log_line\":\"\\u0001\\u0002\\u0003\"}", "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("the line could not be parsed:", detail);
    }
}

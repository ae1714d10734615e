using System.Text.Json;
using System.Text.RegularExpressions;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.OpenApi;

[Collection(NodeCollection.Name)]
public sealed partial class DocsSpec(SharedNode shared)
{
    private TestNode Node => shared.Node;

    [Fact]
    public async Task The_openapi_document_describes_every_api_path_with_a_summary_and_examples()
    {
        var doc = await Node.GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        string[] expected = ["/api/v1/logs/analyze", "/api/v1/logs", "/api/v1/alerts", "/api/v1/entities/{kind}/{key}"];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the document");
            foreach (var operation in item.EnumerateObject().Where(o => o.Name is "get" or "post"))
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{path} has no summary");
                Assert.Contains("example", operation.Value.GetProperty("responses").GetProperty("200").GetRawText());
            }
        }

        var analyze = paths.GetProperty("/api/v1/logs/analyze").GetProperty("post");
        var body = analyze.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        Assert.StartsWith("Jan 13", body.GetProperty("example").GetProperty("log_line").GetString());
        // The schemas say what the wire says: snake_case.
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("AnalyzeRequestDoc").GetProperty("properties").TryGetProperty("log_line", out _));
        Assert.True(schemas.GetProperty("AnalyzeResponseDoc").GetProperty("properties").TryGetProperty("risk_score", out _));

        var batch = paths.GetProperty("/api/v1/logs").GetProperty("post");
        var content = batch.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/x-ndjson", out _));
        Assert.True(content.TryGetProperty("text/plain", out _));
        Assert.Contains(batch.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "verdicts");
    }

    [Fact]
    public async Task Docs_serve_an_interactive_page_whose_script_comes_from_the_node_itself()
    {
        using var page = await Node.Http.GetAsync("/docs");
        page.EnsureSuccessStatusCode();
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("cdn.jsdelivr.net", html);
        Assert.DoesNotContain("fonts.scalar.com", html);

        var script = ScriptSrc().Matches(html).Select(m => m.Groups[1].Value).First(s => s.Contains("scalar", StringComparison.Ordinal));
        Assert.False(script.StartsWith("http", StringComparison.Ordinal), $"the page loads {script} from elsewhere");
        var scriptUrl = new Uri(new Uri(Node.Http.BaseAddress!, "/docs/"), script);
        using var js = await Node.Http.GetAsync(scriptUrl);
        Assert.True(js.IsSuccessStatusCode, $"{scriptUrl} answered {(int)js.StatusCode}");
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 10_000);
    }

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSrc();
}

using System.Text.Json;
using SiemActors.Node.Cli;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests;

/// <summary><c>siem load</c> against a real node, in both modes: batches to /api/v1/logs and single lines to /analyze.</summary>
[Collection(NodeCollection.Name)]
public sealed class LoadCommandSpec(SharedNode shared)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Drives_the_node_and_reports_what_it_answered(bool analyze)
    {
        var report = Path.Combine(Path.GetTempPath(), $"siem-load-{Guid.NewGuid():N}.json");
        string[] args =
        [
            "--url", shared.Node.Http.BaseAddress!.ToString(), "--generate", "400", "--ips", "40", "--users", "8",
            "--batch", "50", "--concurrency", "2", "--duration", "2", "--report", report,
            // Single requests are paced under the node's per-client rate limit (200 requests/s by default).
            .. analyze ? ["--analyze", "--rate", "100"] : Array.Empty<string>(),
        ];
        try
        {
            var exitCode = await LoadCommand.Create().Parse(args).InvokeAsync();

            var result = JsonDocument.Parse(await File.ReadAllTextAsync(report)).RootElement;
            Assert.True(exitCode == 0, result.GetProperty("errors_by_kind").GetRawText());
            Assert.Equal(0, result.GetProperty("errors").GetInt32());
            Assert.True(result.GetProperty("events").GetInt64() > 0);
            // One line per request in analyze mode, whole batches otherwise.
            var perRequest = result.GetProperty("events").GetInt64() / (double)result.GetProperty("batches").GetInt32();
            if (analyze) Assert.Equal(1, perRequest);
            else Assert.True(perRequest > 1, $"{perRequest} events per batch");
        }
        finally
        {
            File.Delete(report);
        }
    }
}

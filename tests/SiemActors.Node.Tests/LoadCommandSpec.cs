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
        var perPass = analyze ? 400 : 8;
        string[] args =
        [
            "--url", shared.Node.Http.BaseAddress!.ToString(), "--generate", "400", "--ips", "40", "--users", "8",
            "--batch", "50", "--concurrency", "2", "--duration", "2", "--report", report,
            // Both modes are paced under the node's per-client rate limit (200 requests/s by default): unpaced, batches of
            // 50 came back faster than that on a quick run and were answered 429.
            .. analyze ? (string[])["--analyze", "--rate", "100"] : ["--rate", "2500"],
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
            // The node's own counters for the run (process-wide counters: other specs' nodes may add to them, never subtract).
            var counters = result.GetProperty("node_counters");
            var events = result.GetProperty("events").GetInt64();
            Assert.True(counters.GetProperty("siem_events_parsed_total").GetDouble() >= events, counters.GetRawText());
            Assert.True(counters.GetProperty("siem_verdicts_total").GetDouble() >= events, counters.GetRawText());
            // 400 lines in batches of 50 are 8 requests a pass: the passes begun, for a following run's --first-pass.
            var requests = result.GetProperty("batches").GetInt32() + result.GetProperty("errors").GetInt32();
            Assert.Equal((requests + perPass - 1) / perPass, result.GetProperty("next_pass").GetInt64());
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public void Prometheus_samples_are_read_with_and_without_labels()
    {
        const string text = """
            # TYPE siem_verdicts_total counter
            siem_verdicts_total{level="low",otel_scope_name="SiemActors"} 120 1732960000000
            siem_verdicts_total{level="critical"} 3
            siem_entities_active 42
            siem_label_with_space{reason="a b"} 7
            """;

        var samples = NodeCounters.Parse(text).ToList();

        Assert.Equal([("siem_verdicts_total", 120d), ("siem_verdicts_total", 3d), ("siem_entities_active", 42d), ("siem_label_with_space", 7d)], samples);
    }
}

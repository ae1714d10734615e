using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SiemActors.Node.Syslog;
using SiemActors.Node.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SiemActors.Node.Tests.Telemetry;

/// <summary>After real traffic (an HTTP batch with a brute force, a syslog datagram), /metrics shows every instrument with data.</summary>
public sealed class MetricsSpec(ITestOutputHelper output)
{
    private const string Ip = "203.0.113.77";

    private static string Line(int second) =>
        $"Jan 13 03:46:{second:00} server sshd[1234]: Failed password for admin from {Ip} port 22 ssh2";

    [Fact]
    public async Task Metrics_in_prometheus_format_cover_the_pipeline_the_runtime_and_syslog()
    {
        await using var node = await TestNode.StartAsync(extraArgs:
            ["--Siem:Syslog:UdpPort=0", "--Siem:Telemetry:ShardSampleInterval=00:00:00.200"]);
        var batch = new StringBuilder();
        for (var i = 0; i < 20; i++) batch.Append(Line(i)).Append('\n');
        batch.Append("this is not a log line\n");
        using (var response = await node.Http.PostAsync("/api/v1/logs", new StringContent(batch.ToString(), Encoding.UTF8, "text/plain")))
            response.EnsureSuccessStatusCode();
        var udp = node.Services.GetRequiredService<SyslogService>().EndpointOf("udp")!;
        using (var client = new UdpClient()) await client.SendAsync(Encoding.UTF8.GetBytes("<38>" + Line(30)), udp);

        string[] nonZero =
        [
            "siem_events_received_total", "siem_events_parsed_total", "siem_events_rejected_total",
            "siem_verdicts_total", "siem_scoring_duration_seconds_count", "siem_batch_duration_seconds_count",
            "siem_alerts_deliveries_total", "siem_entities_active", "siem_shards",
            "siem_syslog_received_total", "siem_syslog_framed_total", "siem_syslog_batches_total",
            "dotnet_gc_heap_total_allocated_bytes_total", "dotnet_thread_pool_thread_count_total",
            "http_server_request_duration_seconds_count",
        ];
        string[] present = ["siem_batches_in_flight", "siem_syslog_queue_depth", "siem_syslog_dropped_total", "siem_syslog_rejected_total"];
        string text = "";
        try
        {
            await Eventually.Async(async () =>
            {
                text = await node.Http.GetStringAsync("/metrics");
                return nonZero.All(name => Values(text, name).Any(v => v > 0)) && present.All(name => Values(text, name).Any());
            }, TimeSpan.FromSeconds(30), "every metric with data");
        }
        catch (TimeoutException)
        {
            output.WriteLine(text);
            var missing = nonZero.Where(n => !Values(text, n).Any(v => v > 0)).Concat(present.Where(n => !Values(text, n).Any()));
            Assert.Fail("no data for: " + string.Join(", ", missing));
        }
        Assert.Contains("siem_verdicts_total{", text);
        Assert.Contains("level=\"", text);
        Assert.Contains("source=\"auto\"", text);
        Assert.Contains("listener=\"udp\"", text);
        Assert.Contains("ingress=\"http\"", text);
        Assert.Contains("ingress=\"syslog\"", text);
    }

    /// <summary>The values of the samples of one metric family (with any labels) in Prometheus text format.</summary>
    private static IEnumerable<double> Values(string text, string name)
    {
        foreach (var raw in text.Split('\n'))
        {
            if (!raw.StartsWith(name, StringComparison.Ordinal)) continue;
            var rest = raw.AsSpan(name.Length);
            if (rest.IsEmpty || (rest[0] != ' ' && rest[0] != '{')) continue;
            var labelsEnd = rest.IndexOf('}');
            var valuePart = (labelsEnd >= 0 ? rest[(labelsEnd + 1)..] : rest).Trim();
            var space = valuePart.IndexOf(' ');
            if (space >= 0) valuePart = valuePart[..space];
            if (double.TryParse(valuePart, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) yield return value;
        }
    }
}

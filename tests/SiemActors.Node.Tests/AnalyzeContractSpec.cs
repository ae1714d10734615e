using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests;

/// <summary>The original service's analyze contract and the batch endpoint, against a real node over HTTP.</summary>
[Collection(NodeCollection.Name)]
public sealed class AnalyzeContractSpec(SharedNode shared)
{
    private const string ReadmeLine = "Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2";
    private TestNode Node => shared.Node;

    [Fact]
    public async Task The_readme_line_gets_every_field_of_the_contract_with_real_values()
    {
        var v = await Node.AnalyzeAsync(ReadmeLine.Replace("45.142.212.61", "45.142.212.70"));

        var risk = v.GetProperty("risk_score").GetDouble();
        Assert.InRange(risk, 0, 1);
        // is_anomaly follows the configured anomaly threshold (0.5 in appsettings.json).
        Assert.Equal(risk >= 0.5, v.GetProperty("is_anomaly").GetBoolean());
        Assert.Contains(v.GetProperty("risk_level").GetString(), new[] { "low", "medium", "high", "critical" });
        Assert.Contains(v.GetProperty("recommended_action").GetString(), new[] { "ALLOW", "MONITOR", "REQUIRE_MFA", "BLOCK_IP", "LOCK_ACCOUNT", "INVESTIGATE" });
        Assert.Equal(JsonValueKind.Array, v.GetProperty("reasons").ValueKind);
        var models = v.GetProperty("model_scores").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("isolation_forest", models);
        Assert.Contains("pca", models);
        Assert.All(v.GetProperty("model_scores").EnumerateObject(), p => Assert.InRange(p.Value.GetDouble(), 0, 1));
        Assert.Equal(1, v.GetProperty("features").GetProperty("failed_logins_1m").GetDouble());
        Assert.Equal(1, v.GetProperty("features").GetProperty("is_privileged_user").GetDouble());
        Assert.True(v.GetProperty("processing_time_ms").GetDouble() > 0);

        var ev = v.GetProperty("event");
        Assert.Equal("45.142.212.70", ev.GetProperty("source.ip").GetString());
        Assert.Equal("admin", ev.GetProperty("user.name").GetString());
        Assert.Equal("ssh_login", ev.GetProperty("event.action").GetString());
        Assert.Equal("failure", ev.GetProperty("event.outcome").GetString());
        Assert.Equal("server", ev.GetProperty("host.hostname").GetString());
        Assert.Equal(1234, ev.GetProperty("process.pid").GetInt32());
        Assert.Equal("sshd", ev.GetProperty("siem.source").GetString());
    }

    [Fact]
    public async Task Concurrent_requests_scored_together_each_get_their_own_verdict_or_their_own_400()
    {
        // Many requests in flight at once are coalesced into shared batches: answers must not cross over.
        var requests = Enumerable.Range(1, 60).Select(async i =>
        {
            var line = i % 6 == 0 ? $"\u0001garbage {i}" : ReadmeLine.Replace("45.142.212.61", $"198.18.7.{i}");
            using var response = await Node.Http.PostAsJsonAsync("/api/v1/logs/analyze", new { log_line = line });
            return (i, response.StatusCode, Body: JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }).ToList();

        foreach (var (i, status, body) in await Task.WhenAll(requests))
        {
            if (i % 6 == 0)
            {
                Assert.Equal(HttpStatusCode.BadRequest, status);
                Assert.Contains("could not be parsed", body.GetProperty("detail").GetString());
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal($"198.18.7.{i}", body.GetProperty("event").GetProperty("source.ip").GetString());
            }
        }
    }

    [Fact]
    public async Task A_batch_of_plain_lines_is_scored_and_unreadable_lines_are_listed_with_their_index()
    {
        var body = string.Join('\n',
            "10.1.2.3 - - [13/Jan/2026:10:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 5120 \"-\" \"Mozilla/5.0\"",
            "\u0001\u0002garbage",
            "10.1.2.3 - - [13/Jan/2026:10:00:01 +0000] \"GET /style.css HTTP/1.1\" 200 812 \"-\" \"Mozilla/5.0\"");
        using var response = await Node.Http.PostAsync("/api/v1/logs?verdicts=all", new StringContent(body, Encoding.UTF8, "text/plain"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, json.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(json.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.False(string.IsNullOrEmpty(rejected.GetProperty("error").GetString()));
        Assert.Equal([0, 2], json.GetProperty("verdicts").EnumerateArray().Select(v => v.GetProperty("index").GetInt32()));
        Assert.Equal("/style.css", json.GetProperty("verdicts")[1].GetProperty("event").GetProperty("url.original").GetString());
    }

    [Fact]
    public async Task Ndjson_and_json_array_batches_take_analyze_objects_and_report_bad_items()
    {
        var ndjson = "{\"log_line\":\"" + ReadmeLine.Replace("45.142.212.61", "198.51.100.20") + "\"}\n{not json}\n{\"log_line\":\"x\",\"source\":\"bogus\"}\n";
        using var r1 = await Node.Http.PostAsync("/api/v1/logs", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        var j1 = JsonDocument.Parse(await r1.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, j1.GetProperty("accepted").GetInt32());
        var errors = j1.GetProperty("rejected").EnumerateArray().ToDictionary(e => e.GetProperty("index").GetInt32(), e => e.GetProperty("error").GetString());
        Assert.Contains("not valid JSON", errors[1]);
        Assert.Contains("unknown source 'bogus'", errors[2]);

        using var r2 = await Node.Http.PostAsJsonAsync("/api/v1/logs?verdicts=anomalies", new object[]
        {
            new { log_line = ReadmeLine.Replace("45.142.212.61", "198.51.100.21"), source = "sshd" },
            new { log_line = ReadmeLine.Replace("45.142.212.61", "198.51.100.22") },
        });
        var j2 = JsonDocument.Parse(await r2.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, j2.GetProperty("accepted").GetInt32());
        Assert.Empty(j2.GetProperty("rejected").EnumerateArray());
    }
}

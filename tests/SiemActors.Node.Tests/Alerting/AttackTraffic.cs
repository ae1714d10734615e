using System.Text;
using System.Text.Json;
using SiemActors.Node.Tests.Support;

namespace SiemActors.Node.Tests.Alerting;

/// <summary>sshd brute-force lines and the calls the alerting specs make on a node.</summary>
internal static class AttackTraffic
{
    /// <summary>Failed login <paramref name="i"/> of a brute force from <paramref name="ip"/>: one a second from 03:45:00.</summary>
    public static string FailedLogin(int i, string ip, string? tail = null) =>
        $"Jan 13 {3 + (45 + i / 60) / 60:00}:{(45 + i / 60) % 60:00}:{i % 60:00} server sshd[1234]: Failed password for admin from {ip} port 22 ssh2{tail}";

    public static IEnumerable<string> BruteForce(string ip, int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => FailedLogin(i, ip));

    /// <summary>Posts raw lines as one batch and returns the answer (accepted, anomalies, alerts).</summary>
    public static Task<JsonElement> PostBatchAsync(this TestNode node, IEnumerable<string> lines) => node.Http.PostBatchAsync(lines);

    /// <inheritdoc cref="PostBatchAsync(TestNode, IEnumerable{string})"/>
    public static async Task<JsonElement> PostBatchAsync(this HttpClient http, IEnumerable<string> lines)
    {
        using var content = new StringContent(string.Join('\n', lines) + "\n", Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync("/api/v1/logs?source=sshd", content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"batch answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The alerts of <paramref name="ip"/> once one satisfies <paramref name="condition"/>.</summary>
    public static Task<JsonElement[]> AlertsOfAsync(this TestNode node, string ip, Func<JsonElement, bool> condition, string what, int seconds = 30) =>
        Eventually.Async(async () =>
        {
            var list = await node.GetJsonAsync($"/api/v1/alerts?entity={ip}");
            var alerts = list.GetProperty("alerts").EnumerateArray().ToArray();
            return alerts.Any(condition) ? alerts : null;
        }, TimeSpan.FromSeconds(seconds), what);

    public static bool FullyDelivered(JsonElement alert) =>
        alert.GetProperty("delivered_revision").GetInt32() >= alert.GetProperty("revision").GetInt32();
}

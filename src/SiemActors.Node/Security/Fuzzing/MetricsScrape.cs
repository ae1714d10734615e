using System.Globalization;

namespace SiemActors.Node.Security.Fuzzing;

/// <summary>Reads sums of Prometheus series from a node's <c>/metrics</c> text, for the fuzz and flood reports.</summary>
public static class MetricsScrape
{
    public static async Task<string> FetchAsync(HttpClient http, string? apiKey, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        FuzzRunner.AddKey(request.Headers, apiKey);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>The sum over all series of <paramref name="metric"/> (any labels); 0 when absent.</summary>
    public static double Sum(string text, string metric)
    {
        double sum = 0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal)) continue;
            var rest = line[metric.Length..];
            if (rest.Length == 0 || (rest[0] != ' ' && rest[0] != '{')) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // "name{labels} value [timestamp]": the value is the second field after the labels.
            var valueIndex = rest[0] == '{' ? Array.FindIndex(parts, p => p.EndsWith('}')) + 1 : 1;
            if (valueIndex > 0 && valueIndex < parts.Length && double.TryParse(parts[valueIndex], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                sum += v;
        }
        return sum;
    }
}

using System.Globalization;

namespace SiemActors.Node.Cli;

/// <summary>
/// The node's own view of a load run: selected counters from each node's <c>/metrics</c> (Prometheus text), read
/// before and after, so a load report says what the nodes counted (parsed, rejected, scored, refused, alerts) and
/// not only what the client saw.
/// </summary>
public static class NodeCounters
{
    public static readonly IReadOnlyList<string> Names =
    [
        "siem_events_parsed_total", "siem_events_rejected_total", "siem_verdicts_total",
        "siem_http_rejections_total", "siem_alerts_deliveries_total",
    ];

    /// <summary>Sums of <see cref="Names"/> over every label set and node; null when no node's metrics could be read.</summary>
    public static async Task<Dictionary<string, double>?> ReadAsync(HttpClient http, IEnumerable<Uri> nodes, CancellationToken ct)
    {
        Dictionary<string, double>? totals = null;
        foreach (var node in nodes)
        {
            string text;
            try
            {
                text = await http.GetStringAsync(new Uri(node, "/metrics"), ct);
            }
            catch (HttpRequestException)
            {
                continue; // metrics off or behind other credentials: the report says so by leaving them out
            }
            totals ??= Names.ToDictionary(n => n, _ => 0d);
            foreach (var (name, value) in Parse(text))
                if (totals.ContainsKey(name)) totals[name] += value;
        }
        return totals;
    }

    /// <summary>Samples of the Prometheus text format: <c>name{labels} value [timestamp]</c>; comments skipped.</summary>
    public static IEnumerable<(string Name, double Value)> Parse(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var nameEnd = line.IndexOfAny(['{', ' ']);
            if (nameEnd <= 0) continue;
            var valueStart = line[nameEnd] == '{' ? line.IndexOf("} ", nameEnd, StringComparison.Ordinal) + 2 : nameEnd + 1;
            if (valueStart < 2) continue;
            var valueText = line[valueStart..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                yield return (line[..nameEnd], value);
        }
    }

    public static Dictionary<string, double> Delta(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.ToDictionary(kv => kv.Key, kv => kv.Value - before.GetValueOrDefault(kv.Key));
}

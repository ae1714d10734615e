using System.Text.Json;

namespace SiemActors.Node.Evaluation;

/// <summary>
/// The labels of an evaluation (format: <see cref="SiemActors.Detection.Simulation.LabelFile"/>): attack lines by line
/// number, attacker addresses whose every line is an attack, and the receipt time that dates year-less syslog lines.
/// </summary>
public sealed class EvalLabels
{
    public sealed record Label(string Scenario, string Instance, string? Ip, string? User);

    private readonly Dictionary<long, Label> _byLine = [];
    private readonly Dictionary<string, Label> _byIp = new(StringComparer.Ordinal);

    public DateTimeOffset? ReceivedAt { get; private set; }
    public IReadOnlyDictionary<string, int> DeclaredInstances { get; private set; } = new Dictionary<string, int>();

    /// <summary>Every attacker address named anywhere in the labels.</summary>
    public HashSet<string> AttackerIps { get; } = new(StringComparer.Ordinal);
    /// <summary>Accounts the attacks targeted (an alert about one points at the attack).</summary>
    public HashSet<string> TargetUsers { get; } = new(StringComparer.Ordinal);

    public static EvalLabels Empty { get; } = new();

    /// <summary>The label of a line: by its number, else by its source address; null for benign lines.</summary>
    public Label? For(long line, string? ip) =>
        _byLine.TryGetValue(line, out var byLine) ? byLine : ip is not null && _byIp.TryGetValue(ip, out var byIp) ? byIp : null;

    public static EvalLabels Load(string path)
    {
        var labels = new EvalLabels();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(raw)) continue;
            JsonElement r;
            try { r = JsonDocument.Parse(raw).RootElement; }
            catch (JsonException e) { throw new FormatException($"{path}:{number}: not JSON ({e.Message})"); }
            if (r.TryGetProperty("simulation", out var sim))
            {
                if (sim.TryGetProperty("received_at", out var at)) labels.ReceivedAt = at.GetDateTimeOffset();
                if (sim.TryGetProperty("instances", out var inst))
                    labels.DeclaredInstances = inst.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
                continue;
            }
            var scenario = r.TryGetProperty("scenario", out var s) ? s.GetString() : null;
            if (string.IsNullOrEmpty(scenario)) throw new FormatException($"{path}:{number}: a label needs a \"scenario\"");
            var ip = r.TryGetProperty("ip", out var i) ? i.GetString() : null;
            var user = r.TryGetProperty("user", out var u) ? u.GetString() : null;
            if (ip is not null) labels.AttackerIps.Add(ip);
            if (user is not null) labels.TargetUsers.Add(user);
            if (r.TryGetProperty("line", out var line))
            {
                var instance = r.TryGetProperty("instance", out var n) ? n.ToString() : ip ?? user ?? "1";
                labels._byLine[line.GetInt64()] = new Label(scenario, $"{scenario}#{instance}", ip, user);
            }
            else if (ip is not null)
            {
                labels._byIp[ip] = new Label(scenario, $"{scenario}#{ip}", ip, user);
            }
            else
            {
                throw new FormatException($"{path}:{number}: a label needs a \"line\" or an \"ip\"");
            }
        }
        return labels;
    }
}

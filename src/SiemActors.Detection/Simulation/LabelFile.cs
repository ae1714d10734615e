using System.Text.Json;

namespace SiemActors.Detection.Simulation;

/// <summary>
/// The labels format (JSONL) shared by <c>siem simulate</c> and <c>siem eval</c>. Records:
/// <list type="bullet">
/// <item><c>{"line": 12, "scenario": "ssh_brute_force", "instance": 3, "ip": "45.142.1.2", "user": "root"}</c>: line 12
/// (1-based, counted over the input files in order) belongs to an attack.</item>
/// <item><c>{"ip": "45.142.1.2", "scenario": "x"}</c> (no line): every line from that address is the attack (real data,
/// labelled per source).</item>
/// <item><c>{"simulation": {...}}</c>: how the file was made; <c>received_at</c> there dates year-less syslog lines.</item>
/// </list>
/// Lines with no record are benign.
/// </summary>
public static class LabelFile
{
    public static void WriteMeta(Utf8JsonWriter w, int seed, DateTimeOffset start, DateTimeOffset end, IReadOnlyDictionary<string, int> instances)
    {
        w.WriteStartObject();
        w.WriteStartObject("simulation");
        w.WriteNumber("seed", seed);
        w.WriteString("start", start);
        w.WriteString("end", end);
        w.WriteString("received_at", end);
        w.WriteStartObject("instances");
        foreach (var (name, count) in instances) w.WriteNumber(name, count);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteLine(Utf8JsonWriter w, long line, AttackLabel label)
    {
        w.WriteStartObject();
        w.WriteNumber("line", line);
        w.WriteString("scenario", label.Scenario);
        w.WriteNumber("instance", label.Instance);
        if (label.Ip is { } ip) w.WriteString("ip", ip);
        if (label.User is { } user) w.WriteString("user", user);
        w.WriteEndObject();
    }
}

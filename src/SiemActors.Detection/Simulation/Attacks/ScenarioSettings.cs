using System.Globalization;

namespace SiemActors.Detection.Simulation.Attacks;

/// <summary>
/// How one scenario is run: <c>count</c> instances; <c>rate</c> and <c>duration</c> scale each scenario's own speed and
/// length; <c>stealth</c> (0..1) makes attackers slower, quieter and more browser-like. Written
/// <c>name:count=50,rate=1,duration=1,stealth=0</c> on the command line.
/// </summary>
public sealed record ScenarioSettings(int Count = 50, double Rate = 1, double Duration = 1, double Stealth = 0)
{
    public static (string Name, ScenarioSettings Settings) Parse(string spec, int defaultCount)
    {
        var colon = spec.IndexOf(':');
        var name = (colon < 0 ? spec : spec[..colon]).Trim();
        var settings = new ScenarioSettings(Count: defaultCount);
        if (colon < 0) return (name, settings);
        foreach (var part in spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"scenario parameter '{part}' in '{spec}': expected key=number");
            settings = part[..eq].Trim() switch
            {
                "count" => settings with { Count = (int)value },
                "rate" => settings with { Rate = value },
                "duration" => settings with { Duration = value },
                "stealth" => settings with { Stealth = Math.Clamp(value, 0, 1) },
                var key => throw new FormatException($"unknown scenario parameter '{key}' in '{spec}': use count, rate, duration, stealth"),
            };
        }
        if (settings.Count < 0 || settings.Rate <= 0 || settings.Duration <= 0) throw new FormatException($"'{spec}': count >= 0, rate > 0, duration > 0");
        return (name, settings);
    }
}

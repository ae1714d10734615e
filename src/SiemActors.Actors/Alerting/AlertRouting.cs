using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Alerting;

/// <summary>
/// Which channels an alert of each risk level goes to, from <c>Siem:Alerts:Routes</c> and the channels configured on
/// the node. Pure and immutable: the alert entity asks it which channels still owe a revision, the delivery actor
/// which channels to post to. Without routes every channel gets high and critical alerts and the console fallback gets all.
/// </summary>
public sealed class AlertRouting
{
    public const string ConsoleChannel = "console";
    private static readonly RiskLevel[] Levels = [RiskLevel.Low, RiskLevel.Medium, RiskLevel.High, RiskLevel.Critical];

    private readonly string[][] _byLevel;
    private readonly string[][] _resolvableByLevel;

    /// <param name="channels">The configured channels: name, and whether it can resolve what it raised (PagerDuty).</param>
    /// <param name="routes">Level name to channel names; null or empty: the default.</param>
    public AlertRouting(IEnumerable<(string Name, bool CanResolve)> channels, IReadOnlyDictionary<string, List<string>>? routes = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var known = channels.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
        Channels = [.. known.Select(c => c.Name)];
        var resolvable = new HashSet<string>(known.Where(c => c.CanResolve).Select(c => c.Name), StringComparer.OrdinalIgnoreCase);
        _byLevel = routes is { Count: > 0 } ? FromRoutes(routes, known.Select(c => c.Name).ToList()) : Default(Channels);
        _resolvableByLevel = [.. _byLevel.Select(names => names.Where(resolvable.Contains).ToArray())];
    }

    /// <summary>One channel that gets every level: the alert entity's default when built without routing (tests, tools).</summary>
    public static AlertRouting Single(string channel) =>
        new([(channel, false)], new Dictionary<string, List<string>>
        {
            ["low"] = [channel], ["medium"] = [channel], ["high"] = [channel], ["critical"] = [channel],
        });

    public static AlertRouting For(IEnumerable<IAlertChannel> channels, IReadOnlyDictionary<string, List<string>>? routes) =>
        new(channels.Select(c => (c.Name, c is IResolvableAlertChannel)), routes);

    /// <summary>Every configured channel name, in configuration order.</summary>
    public IReadOnlyList<string> Channels { get; }

    public IReadOnlyList<string> ChannelsFor(RiskLevel level) => _byLevel[Index(level)];

    /// <summary>The channels of <paramref name="level"/> that resolve what they raised when the incident is acknowledged or closed.</summary>
    public IReadOnlyList<string> ResolvableFor(RiskLevel level) => _resolvableByLevel[Index(level)];

    /// <summary>e.g. <c>low: console; medium: console; high: slack, pagerduty; critical: slack, pagerduty</c>; names only, no secrets.</summary>
    public override string ToString() =>
        string.Join("; ", Levels.Select(l => $"{l.ToWire()}: {(ChannelsFor(l).Count == 0 ? "none" : string.Join(", ", ChannelsFor(l)))}"));

    private static int Index(RiskLevel level) => Math.Clamp((int)level, 0, Levels.Length - 1);

    private static string[][] Default(IReadOnlyList<string> channels) =>
    [
        .. Levels.Select(level => channels
            .Where(c => level >= RiskLevel.High || string.Equals(c, ConsoleChannel, StringComparison.OrdinalIgnoreCase))
            .ToArray()),
    ];

    private static string[][] FromRoutes(IReadOnlyDictionary<string, List<string>> routes, IReadOnlyList<string> channels)
    {
        var byLevel = Levels.Select(_ => new List<string>()).ToArray();
        foreach (var (key, names) in routes)
        {
            var level = Array.FindIndex(Levels, l => string.Equals(l.ToWire(), key.Trim(), StringComparison.OrdinalIgnoreCase));
            if (level < 0)
                throw new ArgumentException($"Siem:Alerts:Routes has the key '{key}'; keys are risk levels: low, medium, high, critical");
            foreach (var raw in names ?? [])
            {
                var name = raw.Trim();
                if (name.Length == 0) continue;
                var channel = channels.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArgumentException(
                        $"Siem:Alerts:Routes:{key} names the channel '{name}', which is not configured on this node "
                        + $"(configured: {(channels.Count == 0 ? "none" : string.Join(", ", channels))})");
                if (!byLevel[level].Contains(channel)) byLevel[level].Add(channel);
            }
        }
        return [.. byLevel.Select(l => l.ToArray())];
    }
}

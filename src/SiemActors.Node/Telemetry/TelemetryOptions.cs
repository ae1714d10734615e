namespace SiemActors.Node.Telemetry;

/// <summary>Bound from <c>Siem:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Siem:Telemetry";

    /// <summary>
    /// How often the shard regions are asked for their shard and entity counts. The question walks every shard,
    /// so it is sampled in the background and cached rather than asked on every scrape.
    /// </summary>
    public TimeSpan ShardSampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}

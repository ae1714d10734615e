namespace SiemActors.Actors.Alerting;

/// <summary>Bound from <c>Siem:Alerts</c> (and <c>Siem:Slack</c> for the webhook).</summary>
public sealed class AlertOptions
{
    /// <summary>Folded updates of an incident are posted at most this often.</summary>
    public TimeSpan UpdateCooldown { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>A verdict more than this (event time) after the incident's last event opens a new incident.</summary>
    public TimeSpan IncidentWindow { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How often dirty incidents persist their folded counts.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Base URL of this node's UI for links in messages; unset: no link.</summary>
    public string? PublicUrl { get; set; }
}

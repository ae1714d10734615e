namespace SiemActors.Actors.Alerting;

/// <summary>Bound from <c>Siem:Alerts</c> (and <c>Siem:Slack</c> for the webhook).</summary>
public sealed class AlertOptions
{
    /// <summary>Folded updates of an incident are posted at most this often.</summary>
    public TimeSpan UpdateCooldown { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>A verdict more than this (event time) after the incident's last event opens a new incident.</summary>
    public TimeSpan IncidentWindow { get; set; } = TimeSpan.FromHours(1);
    /// <summary>
    /// How often an incident writes the repeats folded into it (count, last seen, peak, samples); new incidents,
    /// escalations and posted updates are written at once, and folds also when the entity stops. What the alert API
    /// shows of a running incident's count lags by up to this much; a crash of the node loses up to this much of it.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// Attempts one channel has in flight at once; the rest wait their turn (a retry's backoff does not hold a place).
    /// An alert storm raises thousands of incidents within seconds: started together, each was its own connection
    /// and TLS handshake to the same host, and a 429's Retry-After brought them all back at the same moment.
    /// </summary>
    public int MaxConcurrentDeliveries { get; set; } = 4;
    /// <summary>Base URL of this node's UI for links in messages; unset: no link.</summary>
    public string? PublicUrl { get; set; }
    /// <summary>Allow-lists: candidates about these IPs, networks or users are counted and recorded, never alerted.</summary>
    public SuppressionOptions Suppress { get; set; } = new();
    /// <summary>
    /// Risk level (<c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>) to channel names (<c>slack</c>, <c>webhook</c>,
    /// <c>pagerduty</c>, <c>console</c>). Empty: every configured channel gets high and critical alerts (the console
    /// fallback gets every level). A level not listed goes to no channel.
    /// </summary>
    public Dictionary<string, List<string>> Routes { get; set; } = [];
    public WebhookSettings Webhook { get; set; } = new();
    public PagerDutySettings PagerDuty { get; set; } = new();
}

/// <summary><c>Siem:Alerts:Suppress</c>.</summary>
public sealed class SuppressionOptions
{
    /// <summary>Single addresses (IPv4 or IPv6).</summary>
    public List<string> Ips { get; set; } = [];
    /// <summary>CIDR networks, e.g. <c>10.0.0.0/8</c>, <c>2001:db8::/32</c>.</summary>
    public List<string> Networks { get; set; } = [];
    /// <summary>User names, compared exactly (case-sensitive, as on the hosts that log them).</summary>
    public List<string> Users { get; set; } = [];
}

/// <summary><c>Siem:Alerts:Webhook</c>: a generic JSON webhook.</summary>
public sealed class WebhookSettings
{
    /// <summary>A secret (it may carry a token): only from configuration or environment, never logged.</summary>
    public string? Url { get; set; }
}

/// <summary><c>Siem:Alerts:PagerDuty</c>: the Events API v2.</summary>
public sealed class PagerDutySettings
{
    /// <summary>The integration's routing key; a secret, never logged. Unset: no PagerDuty channel.</summary>
    public string? RoutingKey { get; set; }
    /// <summary>Unset: PagerDuty's public endpoint. Set for a proxy or a test receiver.</summary>
    public string? Endpoint { get; set; }
}

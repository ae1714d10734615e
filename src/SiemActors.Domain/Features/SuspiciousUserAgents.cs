using SiemActors.Domain.Events;

namespace SiemActors.Domain.Features;

/// <summary>User agents of scanners and attack tools, and the shellshock probe that hides in the user agent.</summary>
public static class SuspiciousUserAgents
{
    // One vectorised pass over the agent instead of a case-insensitive Contains per marker (27 scans per web event).
    private static readonly System.Buffers.SearchValues<string> Markers = System.Buffers.SearchValues.Create(
    [
        "sqlmap", "nikto", "nmap", "masscan", "zgrab", "dirbuster", "gobuster", "dirb", "wpscan", "nuclei", "hydra",
        "acunetix", "netsparker", "w3af", "fimap", "havij", "jorgee", "zmeu", "morfeus", "censys", "() {",
        "python-requests", "go-http-client", "libwww-perl", "httpclient", "curl/", "wget/",
    ], StringComparison.OrdinalIgnoreCase);

    public static bool IsSuspicious(LogEvent ev)
    {
        if (ev.Category != EventCategory.Web) return false;
        var ua = ev.UserAgent;
        if (string.IsNullOrWhiteSpace(ua)) return true; // browsers always send one
        return ua.AsSpan().IndexOfAny(Markers) >= 0;
    }
}

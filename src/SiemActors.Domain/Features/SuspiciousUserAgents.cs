using SiemActors.Domain.Events;

namespace SiemActors.Domain.Features;

/// <summary>User agents of scanners and attack tools, and the shellshock probe that hides in the user agent.</summary>
public static class SuspiciousUserAgents
{
    private static readonly string[] Markers =
    [
        "sqlmap", "nikto", "nmap", "masscan", "zgrab", "dirbuster", "gobuster", "dirb", "wpscan", "nuclei", "hydra",
        "acunetix", "netsparker", "w3af", "fimap", "havij", "jorgee", "zmeu", "morfeus", "censys", "() {",
        "python-requests", "go-http-client", "libwww-perl", "httpclient", "curl/", "wget/",
    ];

    public static bool IsSuspicious(LogEvent ev)
    {
        if (ev.Category != EventCategory.Web) return false;
        var ua = ev.UserAgent;
        if (string.IsNullOrWhiteSpace(ua)) return true; // browsers always send one
        foreach (var m in Markers)
            if (ua.Contains(m, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}

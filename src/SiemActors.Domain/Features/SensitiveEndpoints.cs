namespace SiemActors.Domain.Features;

/// <summary>URL paths that attackers probe and defenders watch: admin panels, credentials, VCS and config files.</summary>
public static class SensitiveEndpoints
{
    private static readonly string[] Markers =
    [
        "/admin", "/wp-admin", "/wp-login", "/xmlrpc.php", "/phpmyadmin", "/pma", "/.env", "/.git", "/.svn", "/.htaccess",
        "/.htpasswd", "/etc/passwd", "/etc/shadow", "/config", "/server-status", "/manager/html", "/actuator", "/login",
        "/cgi-bin", "/shell", "/console", "/backup", ".sql", ".bak", "/.aws", "/.ssh", "/boaform", "/vendor/phpunit",
    ];

    public static bool IsSensitive(string? url)
    {
        if (string.IsNullOrEmpty(url)) return false;
        foreach (var m in Markers)
            if (url.Contains(m, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}

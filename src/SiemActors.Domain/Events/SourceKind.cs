namespace SiemActors.Domain.Events;

/// <summary>The parser a line is read with (<c>siem.source</c>); <see cref="Auto"/> detects it per line.</summary>
public enum SourceKind : byte { Auto = 0, Syslog = 1, Sshd = 2, Nginx = 3, Apache = 4, Json = 5 }

public static class SourceKinds
{
    public static readonly IReadOnlyList<string> Names = ["auto", "syslog", "sshd", "nginx", "apache", "json"];

    public static bool TryParse(string? name, out SourceKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto": kind = SourceKind.Auto; return true;
            case "syslog": kind = SourceKind.Syslog; return true;
            case "sshd" or "auth" or "auth.log": kind = SourceKind.Sshd; return true;
            case "nginx": kind = SourceKind.Nginx; return true;
            case "apache" or "httpd": kind = SourceKind.Apache; return true;
            case "json" or "ecs": kind = SourceKind.Json; return true;
            default: kind = SourceKind.Auto; return false;
        }
    }

    public static string ToName(this SourceKind kind) => Names[(int)kind];
}

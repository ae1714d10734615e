using System.Globalization;

namespace SiemActors.Detection.Simulation;

/// <summary>The two raw formats the simulator writes: RFC 3164 syslog-wrapped sshd lines and nginx "combined" access lines.</summary>
internal static class LogLines
{
    /// <summary>Facility auth (4) + info: what sshd writes its login lines with.</summary>
    public const int AuthInfo = 38;
    /// <summary>Facility authpriv (10) + info: pam_unix session lines.</summary>
    public const int AuthPrivInfo = 86;

    public static string Syslog(DateTimeOffset t, int pri, string host, int pid, string message)
    {
        // RFC 3164: "Mmm dd hh:mm:ss", day space-padded, no year or zone.
        var month = CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(t.Month);
        return $"<{pri}>{month} {t.Day,2} {t:HH:mm:ss} {host} sshd[{pid}]: {message}";
    }

    public static string Access(string ip, DateTimeOffset t, string method, string path, int status, long bytes, string referrer, string ua)
    {
        var time = t.ToString("dd/MMM/yyyy:HH:mm:ss ", CultureInfo.InvariantCulture) + t.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", "", StringComparison.Ordinal);
        return $"{ip} - - [{time}] \"{method} {path} HTTP/1.1\" {status} {bytes} \"{referrer}\" \"{ua}\"";
    }
}

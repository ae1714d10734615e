using SiemActors.Domain.Events;

namespace SiemActors.Actors.Tests.Support;

public static class TestEvents
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 13, 3, 45, 0, TimeSpan.Zero);

    public static LogEvent FailedLogin(string ip, string user, DateTimeOffset at) => new()
    {
        Timestamp = at, Source = SourceKind.Sshd, Category = EventCategory.Authentication, Action = "ssh_login",
        Outcome = EventOutcome.Failure, SourceIp = ip, SourcePort = 22, UserName = user, ProcessName = "sshd",
        Original = $"{at:MMM dd HH:mm:ss} server sshd[1234]: Failed password for {user} from {ip} port 22 ssh2",
    };

    public static LogEvent Login(string ip, string user, DateTimeOffset at) => FailedLogin(ip, user, at) with
    {
        Outcome = EventOutcome.Success,
        Original = $"{at:MMM dd HH:mm:ss} server sshd[1234]: Accepted password for {user} from {ip} port 22 ssh2",
    };

    public static LogEvent WebRequest(string ip, string path, int status, DateTimeOffset at) => new()
    {
        Timestamp = at, Source = SourceKind.Nginx, Category = EventCategory.Web, Action = "http_request",
        Outcome = status >= 400 ? EventOutcome.Failure : EventOutcome.Success, SourceIp = ip, HttpMethod = "GET",
        UrlOriginal = path, HttpVersion = "1.1", HttpStatus = status, HttpBytes = 5120,
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    };
}

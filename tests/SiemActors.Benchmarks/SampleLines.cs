namespace SiemActors.Benchmarks;

/// <summary>
/// Generated sshd and nginx lines for the corpus benchmarks: seeded, so every run parses the same text. Each line has
/// its own address and port or URL; only what real logs also repeat (hosts, browsers, dictionary user names) repeats.
/// </summary>
internal static class SampleLines
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] Hosts = ["web-01", "web-02", "bastion", "db-primary"];
    private static readonly string[] Dictionary = ["root", "admin", "test", "user", "oracle", "postgres", "ubuntu", "git", "ftpuser", "guest", "pi", "support", "deploy", "jenkins", "hadoop", "nagios"];
    private static readonly string[] Methods = ["GET", "GET", "GET", "GET", "POST", "HEAD", "PUT"];
    private static readonly int[] Statuses = [200, 200, 200, 200, 304, 301, 404, 403, 500];

    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "curl/8.4.0",
        "python-requests/2.31.0",
        "Go-http-client/1.1",
        "Mozilla/5.0 zgrab/0.x",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    ];

    public static string[] Sshd(int count, int seed)
    {
        var rng = new Random(seed);
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            var user = rng.Next(4) == 0 ? $"u{rng.Next(100_000)}" : Dictionary[rng.Next(Dictionary.Length)];
            var head = $"{Months[rng.Next(12)]} {rng.Next(1, 29),2} {rng.Next(24):00}:{rng.Next(60):00}:{rng.Next(60):00} {Hosts[rng.Next(Hosts.Length)]} sshd[{rng.Next(1000, 65000)}]:";
            var from = $"from {Ip(rng)} port {rng.Next(1024, 65536)} ssh2";
            lines[i] = rng.Next(10) switch
            {
                < 5 => $"{head} Failed password for invalid user {user} from {from[5..]}",
                < 8 => $"{head} Failed password for {user} {from}",
                _ => $"{head} Accepted publickey for {user} {from}: RSA SHA256:{rng.NextInt64():x16}",
            };
        }
        return lines;
    }

    public static string[] Nginx(int count, int seed, bool uniqueAgents)
    {
        var rng = new Random(seed);
        var lines = new string[count];
        for (var i = 0; i < count; i++)
        {
            var url = rng.Next(3) switch
            {
                0 => $"/products/{rng.Next(1_000_000)}?page={rng.Next(20)}",
                1 => $"/static/js/app.{rng.NextInt64():x12}.js",
                _ => $"/api/v1/users/{rng.Next(1_000_000)}/orders?limit={rng.Next(100)}",
            };
            var agent = Agents[rng.Next(Agents.Length)];
            if (uniqueAgents) agent += $" build/{i}.{rng.Next(1000)}";
            var referrer = rng.Next(3) == 0 ? "-" : $"https://example.com/products/{rng.Next(1000)}";
            lines[i] = $"{Ip(rng)} - - [{rng.Next(1, 29):00}/{Months[rng.Next(12)]}/2024:{rng.Next(24):00}:{rng.Next(60):00}:{rng.Next(60):00} +0000] "
                + $"\"{Methods[rng.Next(Methods.Length)]} {url} HTTP/1.1\" {Statuses[rng.Next(Statuses.Length)]} {rng.Next(100, 90_000)} \"{referrer}\" \"{agent}\"";
        }
        return lines;
    }

    private static string Ip(Random rng) => $"{rng.Next(1, 224)}.{rng.Next(256)}.{rng.Next(256)}.{rng.Next(1, 255)}";
}

using System.Globalization;

namespace SiemActors.Detection.Simulation;

/// <summary>
/// Seeded generator of realistic NORMAL raw log lines for training the default model: RFC 3164 syslog-wrapped
/// sshd lines (office-hours logins by a few hundred users from a few addresses each, publickey and password
/// logins, the odd typo followed by success, pam session lines, disconnects, service accounts on a schedule)
/// and nginx combined access lines (browsers reading pages with their assets, crawlers with bot user agents,
/// conditional 304s, some 404s, realistic sizes). Lines come out in time order; same seed, same lines.
/// Timestamps use the offset of <c>start</c>; office hours are 08-18 on weekdays in that offset.
/// </summary>
public sealed class NormalTrafficGenerator
{
    /// <summary>Interactive SSH users.</summary>
    public int Users { get; init; } = 300;
    /// <summary>Distinct web clients (an address with its browser).</summary>
    public int WebClients { get; init; } = 1500;
    /// <summary>SSH session starts per hour at the office-hours peak.</summary>
    public double SshSessionsPerPeakHour { get; init; } = 120;
    /// <summary>Web visits per hour at the office-hours peak (each is several page views with their assets).</summary>
    public double WebVisitsPerPeakHour { get; init; } = 400;
    /// <summary>Crawler requests per hour (all day).</summary>
    public double CrawlerRequestsPerHour { get; init; } = 90;

    /// <summary>
    /// The users, addresses and web clients that <see cref="Generate"/> uses for the same seed (the world is drawn first
    /// from the seeded generator), so attack scenarios can target real accounts and avoid normal addresses.
    /// </summary>
    public SimulatedPopulation Population(int seed) => new World(this, new Random(seed)).Describe();

    public IEnumerable<string> Generate(DateTimeOffset start, TimeSpan duration, int seed)
    {
        foreach (var line in GenerateTimed(start, duration, seed)) yield return line.Line;
    }

    /// <summary>The lines of <see cref="Generate"/> with their event times (unlabelled), for merging with attacks.</summary>
    public IEnumerable<SimulatedLine> GenerateTimed(DateTimeOffset start, TimeSpan duration, int seed)
    {
        if (duration <= TimeSpan.Zero) yield break;
        var world = new World(this, new Random(seed));
        var queue = new PriorityQueue<string, (long Ticks, long Seq)>();
        var end = start + duration;
        for (var minute = start; minute < end; minute = minute.AddMinutes(1))
        {
            var minuteEnd = minute.AddMinutes(1) < end ? minute.AddMinutes(1) : end;
            world.ScheduleMinute(minute, minuteEnd, queue);
            while (queue.TryPeek(out _, out var key) && key.Ticks < minuteEnd.UtcTicks)
            {
                yield return new SimulatedLine(new DateTimeOffset(key.Ticks, TimeSpan.Zero).ToOffset(start.Offset), queue.Dequeue(), null);
            }
        }
    }

    /// <summary>The simulated population and its habits.</summary>
    private sealed class World
    {
        private static readonly string[] FirstNames =
            ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "nina", "oscar", "peggy",
             "rupert", "sybil", "trent", "victor", "wendy", "yusuf", "zoe", "li", "mateo", "priya", "sven", "olga", "kenji", "amara", "noah", "ines"];
        private static readonly string[] LastNames =
            ["smith", "jones", "garcia", "muller", "rossi", "tanaka", "nguyen", "kowalski", "silva", "dubois", "hansen", "ivanova", "khan", "okafor",
             "schmidt", "lopez", "brown", "wilson", "novak", "berg", "costa", "meyer", "park", "singh", "cohen", "moreau", "fischer", "kim"];
        private static readonly string[] SshHosts = ["bastion01", "build02", "app01", "app02", "db01"];
        private static readonly string[] KeyTypes = ["ED25519", "RSA", "ECDSA"];
        private static readonly string[] Browsers =
        [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0",
        ];
        private static readonly (string Ua, string Prefix)[] Crawlers =
        [
            ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "66.249.66."),
            ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "40.77.167."),
            ("Mozilla/5.0 (compatible; DuckDuckBot-Https/1.1; https://duckduckgo.com/duckduckbot)", "20.191.45."),
            ("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "5.255.231."),
        ];
        private static readonly string[] Sections = ["products", "blog", "docs", "category", "help"];
        private static readonly string[] Slugs =
            ["getting-started", "pricing", "release-notes", "winter-sale", "how-to-choose", "faq", "shipping", "returns", "about-us", "careers", "contact"];
        private static readonly string[] Referrers =
            ["-", "-", "-", "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/", "https://news.ycombinator.com/", "https://t.co/x"];
        private static readonly string[] ClientBlocks = ["81.2.", "86.14.", "92.40.", "109.144.", "145.53.", "176.24.", "185.199.", "188.6.", "212.58.", "217.33.", "73.162.", "98.207.", "24.5."];
        private const string Site = "https://shop.example.com";

        private readonly NormalTrafficGenerator _settings;
        private readonly Random _rng;
        private readonly SshUser[] _users;
        private readonly SshUser[] _serviceAccounts;
        private readonly WebClient[] _clients;
        private long _seq;

        public World(NormalTrafficGenerator settings, Random rng)
        {
            _settings = settings;
            _rng = rng;
            var names = new HashSet<string>(StringComparer.Ordinal);
            _users = new SshUser[Math.Max(1, settings.Users)];
            for (var i = 0; i < _users.Length; i++)
            {
                var name = FirstNames[rng.Next(FirstNames.Length)][0] + LastNames[rng.Next(LastNames.Length)];
                while (!names.Add(name)) name += rng.Next(10).ToString(CultureInfo.InvariantCulture);
                _users[i] = NewUser(name, 1001 + i);
            }
            // Administrators exist in every real shop: a shared "admin" account used interactively (password, the odd typo)
            // and root used by configuration management, so privileged logins are part of normal, not an anomaly by themselves.
            _users[0] = NewUser("admin", 1000) with { PublicKeyOnly = false };
            _serviceAccounts =
            [
                new SshUser("root", 0, ["10.20.0.10"], "app01", PublicKeyOnly: true),
                new SshUser("deploy", 990, ["10.20.0.15"], "build02", PublicKeyOnly: true),
                new SshUser("backup", 991, ["10.20.0.21"], "db01", PublicKeyOnly: true),
                new SshUser("ansible", 992, ["10.20.0.10"], "app01", PublicKeyOnly: true),
            ];
            _clients = new WebClient[Math.Max(1, settings.WebClients)];
            for (var i = 0; i < _clients.Length; i++)
            {
                var ip = ClientBlocks[rng.Next(ClientBlocks.Length)] + rng.Next(0, 256) + "." + rng.Next(1, 255);
                _clients[i] = new WebClient(ip, Browsers[rng.Next(Browsers.Length)]);
            }
        }

        public SimulatedPopulation Describe() => new(
            [.. _users.Select(u => new SimulatedUser(u.Name, u.Ips, u.Host, u.PublicKeyOnly))],
            [.. _serviceAccounts.Select(u => new SimulatedUser(u.Name, u.Ips, u.Host, u.PublicKeyOnly))],
            [.. _clients.Select(c => c.Ip)],
            ClientBlocks,
            [.. Crawlers.Select(c => c.Prefix)]);

        private SshUser NewUser(string name, int uid)
        {
            var ips = new List<string> { $"10.20.{_rng.Next(1, 30)}.{_rng.Next(2, 250)}" };   // office
            if (_rng.NextDouble() < 0.5) ips.Add($"10.8.{_rng.Next(0, 4)}.{_rng.Next(2, 250)}");   // VPN
            if (_rng.NextDouble() < 0.3) ips.Add(ClientBlocks[_rng.Next(ClientBlocks.Length)] + _rng.Next(0, 256) + "." + _rng.Next(1, 255));   // home
            return new SshUser(name, uid, [.. ips], SshHosts[_rng.Next(SshHosts.Length)], PublicKeyOnly: _rng.NextDouble() < 0.6);
        }

        /// <summary>Activity factor by local hour and weekday: 1 at the office peak, a trickle at night and weekends.</summary>
        private static double Activity(DateTimeOffset t)
        {
            var weekend = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var h = t.Hour + t.Minute / 60.0;
            var office = h is >= 8 and < 18 ? 1.0 : h is >= 7 and < 20 ? 0.35 : 0.04;
            if (h is >= 12 and < 13) office *= 0.6;   // lunch
            return weekend ? office * 0.1 + 0.02 : office;
        }

        private static double WebActivity(DateTimeOffset t)
        {
            // Shoppers: evenings matter too.
            var h = t.Hour;
            var daily = h switch { < 6 => 0.15, < 9 => 0.45, < 18 => 1.0, < 23 => 0.8, _ => 0.35 };
            return t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? daily * 0.85 : daily;
        }

        public void ScheduleMinute(DateTimeOffset minute, DateTimeOffset minuteEnd, PriorityQueue<string, (long, long)> queue)
        {
            var span = (minuteEnd - minute).TotalMinutes;
            var ssh = Poisson(_settings.SshSessionsPerPeakHour / 60 * Activity(minute) * span);
            for (var i = 0; i < ssh; i++) SshSession(At(minute, minuteEnd), _users[_rng.Next(_users.Length)], queue);
            if (minute.Minute == 5) // service accounts: hourly jobs
            {
                foreach (var svc in _serviceAccounts) SshSession(minute.AddSeconds(_rng.Next(0, 20)), svc, queue);
            }
            var visits = Poisson(_settings.WebVisitsPerPeakHour / 60 * WebActivity(minute) * span);
            for (var i = 0; i < visits; i++) WebVisit(At(minute, minuteEnd), _clients[_rng.Next(_clients.Length)], queue);
            var crawls = Poisson(_settings.CrawlerRequestsPerHour / 60 * span);
            for (var i = 0; i < crawls; i++) CrawlerRequest(At(minute, minuteEnd), queue);
        }

        private DateTimeOffset At(DateTimeOffset from, DateTimeOffset to) => from.AddTicks((long)(_rng.NextDouble() * (to - from).Ticks));

        private void SshSession(DateTimeOffset t, SshUser user, PriorityQueue<string, (long, long)> queue)
        {
            var ip = user.Ips[_rng.Next(user.Ips.Length)];
            var port = _rng.Next(32768, 61000);
            var pid = _rng.Next(1200, 65000);
            var host = user.Host;
            if (user.PublicKeyOnly)
            {
                Add(queue, t, Syslog(t, 38, host, pid, $"Accepted publickey for {user.Name} from {ip} port {port} ssh2: {KeyTypes[_rng.Next(KeyTypes.Length)]} SHA256:{Fingerprint(user)}"));
            }
            else
            {
                if (_rng.NextDouble() < 0.06)   // a typo, then the right password a few seconds later
                {
                    Add(queue, t, Syslog(t, 38, host, pid, $"Failed password for {user.Name} from {ip} port {port} ssh2"));
                    t = t.AddSeconds(3 + _rng.Next(0, 12));
                }
                Add(queue, t, Syslog(t, 38, host, pid, $"Accepted password for {user.Name} from {ip} port {port} ssh2"));
            }
            Add(queue, t, Syslog(t, 86, host, pid, $"pam_unix(sshd:session): session opened for user {user.Name}(uid={user.Uid}) by (uid=0)"));
            var length = TimeSpan.FromSeconds(user.Uid < 1000 ? 5 + _rng.Next(0, 120) : Math.Exp(4 + _rng.NextDouble() * 5));
            var end = t + length;
            Add(queue, end, Syslog(end, 38, host, pid, $"Received disconnect from {ip} port {port}:11: disconnected by user"));
            Add(queue, end, Syslog(end, 38, host, pid, $"Disconnected from user {user.Name} {ip} port {port}"));
            Add(queue, end, Syslog(end, 86, host, pid, $"pam_unix(sshd:session): session closed for user {user.Name}"));
        }

        private void WebVisit(DateTimeOffset t, WebClient client, PriorityQueue<string, (long, long)> queue)
        {
            var pages = 1 + (int)Math.Min(20, -Math.Log(1 - _rng.NextDouble()) * 4);
            var referrer = Referrers[_rng.Next(Referrers.Length)];
            var cached = false;
            for (var p = 0; p < pages; p++)
            {
                var page = PagePath();
                var notFound = _rng.NextDouble() < 0.015;
                var status = notFound ? 404 : 200;
                var bytes = notFound ? 555 + _rng.Next(0, 40) : (int)Math.Exp(9.2 + 0.5 * Gaussian());
                Add(queue, t, Access(client.Ip, t, "GET", page, status, bytes, referrer, client.Ua));
                var assetTime = t;
                foreach (var asset in AssetsFor())
                {
                    assetTime = assetTime.AddMilliseconds(20 + _rng.Next(0, 300));
                    var (status2, size) = cached && _rng.NextDouble() < 0.8 ? (304, 0) : (200, AssetSize(asset));
                    Add(queue, assetTime, Access(client.Ip, assetTime, "GET", asset, status2, size, Site + page, client.Ua));
                }
                if (_rng.NextDouble() < 0.08)   // add to cart / search form
                {
                    var post = assetTime.AddSeconds(2 + _rng.Next(0, 20));
                    Add(queue, post, Access(client.Ip, post, "POST", "/api/cart", 200, 60 + _rng.Next(0, 200), Site + page, client.Ua));
                }
                cached = true;
                referrer = Site + page;
                t = t.AddSeconds(4 + Math.Exp(_rng.NextDouble() * 4.5));   // reading time
            }
        }

        private void CrawlerRequest(DateTimeOffset t, PriorityQueue<string, (long, long)> queue)
        {
            var (ua, prefix) = Crawlers[_rng.Next(Crawlers.Length)];
            var ip = prefix + _rng.Next(1, 80);
            var robots = _rng.NextDouble() < 0.05;
            var path = robots ? "/robots.txt" : _rng.NextDouble() < 0.05 ? "/sitemap.xml" : PagePath();
            var status = !robots && _rng.NextDouble() < 0.04 ? 404 : _rng.NextDouble() < 0.1 ? 301 : 200;
            var bytes = status == 200 ? robots ? 312 : (int)Math.Exp(9.2 + 0.5 * Gaussian()) : status == 301 ? 169 : 555;
            Add(queue, t, Access(ip, t, "GET", path, status, bytes, "-", ua));
        }

        private string PagePath()
        {
            var r = _rng.NextDouble();
            if (r < 0.18) return "/";
            var section = Sections[_rng.Next(Sections.Length)];
            if (r < 0.30) return $"/{section}/";
            if (r < 0.40) return $"/search?q={Slugs[_rng.Next(Slugs.Length)].Replace('-', '+')}";
            if (section == "products" || section == "category")
                return _rng.NextDouble() < 0.3 ? $"/{section}/{_rng.Next(1, 900)}?page={_rng.Next(1, 6)}" : $"/{section}/{_rng.Next(1, 900)}";
            return $"/{section}/{Slugs[_rng.Next(Slugs.Length)]}";
        }

        private IEnumerable<string> AssetsFor()
        {
            yield return "/static/css/site.4f1c2a.css";
            yield return "/static/js/app.9b7e31.js";
            var images = _rng.Next(0, 6);
            for (var i = 0; i < images; i++) yield return $"/images/{(_rng.NextDouble() < 0.5 ? "products" : "ui")}/{_rng.Next(1, 400)}.{(_rng.NextDouble() < 0.7 ? "webp" : "png")}";
            if (_rng.NextDouble() < 0.1) yield return "/favicon.ico";
            if (_rng.NextDouble() < 0.01) yield return "/apple-touch-icon.png";
        }

        private int AssetSize(string asset) => asset switch
        {
            _ when asset.EndsWith(".css", StringComparison.Ordinal) => 48_213,
            _ when asset.EndsWith(".js", StringComparison.Ordinal) => 231_877,
            "/favicon.ico" => 15_086,
            "/apple-touch-icon.png" => 555,   // not there: the 404 body size
            _ => (int)Math.Exp(10 + 0.8 * Gaussian()),
        };

        private static string Syslog(DateTimeOffset t, int pri, string host, int pid, string message) => LogLines.Syslog(t, pri, host, pid, message);

        private static string Access(string ip, DateTimeOffset t, string method, string path, int status, int bytes, string referrer, string ua) =>
            LogLines.Access(ip, t, method, path, status, bytes, referrer, ua);

        private static string Fingerprint(SshUser user)
        {
            Span<byte> bytes = stackalloc byte[32];
            new Random(user.Uid * 7919 + user.Name.Length).NextBytes(bytes);
            return Convert.ToBase64String(bytes).TrimEnd('=');
        }

        private void Add(PriorityQueue<string, (long, long)> queue, DateTimeOffset t, string line) => queue.Enqueue(line, (t.UtcTicks, _seq++));

        private int Poisson(double mean)
        {
            if (mean <= 0) return 0;
            if (mean > 50) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Gaussian()));
            var limit = Math.Exp(-mean);
            var k = 0;
            var p = _rng.NextDouble();
            while (p > limit) { k++; p *= _rng.NextDouble(); }
            return k;
        }

        private double Gaussian()
        {
            var u1 = 1.0 - _rng.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * _rng.NextDouble());
        }

        private sealed record SshUser(string Name, int Uid, string[] Ips, string Host, bool PublicKeyOnly);

        private sealed record WebClient(string Ip, string Ua);
    }
}

namespace SiemActors.Detection.Simulation.Attacks;

/// <summary>User agents attackers send: their tools' own, or a browser's when they try to blend in (stealth).</summary>
internal static class AttackAgents
{
    public const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    public static string Pick(AttackRun run, params string[] tools) => run.Rng.NextDouble() < run.Settings.Stealth ? Browser : run.Pick(tools);
}

/// <summary>Directory brute forcing: a word list of paths, almost all of them 404.</summary>
public sealed class WebScan : IAttackScenario
{
    private static readonly string[] Words =
    [
        "admin", "backup", "old", "test", "tmp", "uploads", "api", "v1", "dev", "staging", "private", "files", "data", "db", "sql", "logs",
        "include", "includes", "lib", "src", "bin", "conf", "config", "install", "setup", "assets", "vendor", "node_modules", "server",
        "portal", "dashboard", "panel", "cms", "user", "users", "account", "accounts", "secret", "hidden", "internal", "download",
        "downloads", "export", "import", "archive", "archives", "bak", "www", "web", "site", "home", "main", "new", "beta", "demo",
    ];
    private static readonly string[] Extensions = ["", "", "/", ".php", ".asp", ".aspx", ".jsp", ".html", ".txt", ".zip", ".old"];

    public string Name => "web_scan";
    public string Description => "directory brute force: 60-250 word-list paths, ~95% 404, at ~10 requests/s (stealth: one every 2 s, browser UA)";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        run.Identify(ip, null);
        var ua = AttackAgents.Pick(run, "gobuster/3.6", "DirBuster-1.0-RC1 (http://www.owasp.org/index.php/Category:OWASP_DirBuster_Project)",
            "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)", "feroxbuster/2.10.1", "ffuf/2.1.0");
        var count = (int)(run.Rng.Next(60, 251) * run.Settings.Duration);
        var meanGap = 0.1 * (1 + run.Settings.Stealth * 19) / run.Settings.Rate;
        var t = start;
        for (var i = 0; i < count; i++)
        {
            var path = "/" + run.Pick(Words) + (run.Rng.NextDouble() < 0.3 ? run.Rng.Next(1, 10).ToString(System.Globalization.CultureInfo.InvariantCulture) : "") + run.Pick(Extensions);
            var r = run.Rng.NextDouble();
            var (status, bytes) = r < 0.95 ? (404, 555) : r < 0.98 ? (403, 548) : (301, 169);
            run.Web(t, ip, "GET", path, status, bytes, "-", ua);
            t += run.Gap(meanGap);
        }
    }
}

/// <summary>Probes for files and admin panels that leak secrets or give control.</summary>
public sealed class SensitiveFiles : IAttackScenario
{
    private static readonly string[] Paths =
    [
        "/.env", "/.git/config", "/.git/HEAD", "/wp-login.php", "/wp-admin/", "/phpmyadmin/", "/phpMyAdmin/index.php", "/admin/",
        "/administrator/", "/manager/html", "/server-status", "/config.php", "/backup.sql", "/db.sql", "/dump.sql", "/.aws/credentials",
        "/.ssh/id_rsa", "/actuator/env", "/.htpasswd", "/web.config", "/.DS_Store", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
        "/xmlrpc.php", "/solr/admin/", "/console/", "/cgi-bin/luci", "/.svn/entries", "/config.json", "/site.bak", "/wp-config.php.bak",
    ];

    public string Name => "sensitive_files";
    public string Description => "probes for 8-30 secret files and admin panels (.env, .git, phpmyadmin, wp-login, backups), mostly 404, every ~1 s (stealth: ~10 s)";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        run.Identify(ip, null);
        var ua = AttackAgents.Pick(run, "Mozilla/5.0 zgrab/0.x", "python-requests/2.31.0", "curl/8.5.0", "Go-http-client/1.1");
        var count = Math.Min(Paths.Length, (int)(run.Rng.Next(8, 31) * run.Settings.Duration));
        var meanGap = 1.0 * (1 + run.Settings.Stealth * 9) / run.Settings.Rate;
        var t = start;
        foreach (var path in Paths.OrderBy(_ => run.Rng.Next()).Take(count))
        {
            var status = run.Rng.NextDouble() < 0.85 ? 404 : 403;
            run.Web(t, ip, "GET", path, status, status == 404 ? 555 : 548, "-", ua);
            t += run.Gap(meanGap);
        }
    }
}

/// <summary>Injection payloads in query strings: SQL, script, or directory traversal, as scanners send them.</summary>
public sealed class InjectionProbe(string name, string description, string[] payloads, string[] paths) : IAttackScenario
{
    public static InjectionProbe Sql() => new("sql_injection", "sqlmap-style probing of a product id: 10-60 payloads (' OR 1=1, UNION SELECT, SLEEP), ~2/s",
        ["1'%20OR%201=1--", "1%20UNION%20SELECT%20NULL,NULL,NULL--", "1'%20UNION%20ALL%20SELECT%20username,password%20FROM%20users--",
         "1%20AND%20SLEEP(5)", "1);WAITFOR%20DELAY%20'0:0:5'--", "1'%20AND%20(SELECT%201%20FROM%20information_schema.tables)--",
         "1%20OR%20benchmark(10000000,MD5(1))", "-1'%20or%20'1'='1", "1'%20AND%20extractvalue(1,concat(0x7e,@@version))--"],
        ["/products/view?id=", "/category?id=", "/api/cart?item="]);

    public static InjectionProbe Xss() => new("xss", "reflected XSS probing of search and comment parameters: 10-60 payloads, ~2/s",
        ["%3Cscript%3Ealert(1)%3C/script%3E", "%22%3E%3Csvg/onload=alert(document.domain)%3E", "javascript:alert(1)",
         "%3Cimg%20src=x%20onerror=alert(1)%3E", "%3Ciframe%20src=javascript:alert(1)%3E", "%27%3E%3Cscript%3Edocument.cookie%3C/script%3E"],
        ["/search?q=", "/blog/comment?text=", "/help?topic="]);

    public static InjectionProbe Traversal() => new("path_traversal", "directory traversal probing of file parameters: 10-60 payloads (../, encoded, /etc/passwd, win.ini), ~2/s",
        ["../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd", "%252e%252e%252f%252e%252e%252fetc%252fpasswd", "....//....//etc/passwd",
         "..%5c..%5c..%5cwindows%5cwin.ini", "/proc/self/environ", "../../../../../../etc/shadow"],
        ["/download?file=", "/static/", "/images/view?path="]);

    public string Name => name;
    public string Description => description;

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        run.Identify(ip, null);
        var ua = AttackAgents.Pick(run, "sqlmap/1.7.2#stable (https://sqlmap.org)", "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))",
            "python-requests/2.31.0", "Wfuzz/3.1.0");
        var count = (int)(run.Rng.Next(10, 61) * run.Settings.Duration);
        var meanGap = 0.5 * (1 + run.Settings.Stealth * 19) / run.Settings.Rate;
        var t = start;
        for (var i = 0; i < count; i++)
        {
            var status = run.Rng.NextDouble() < 0.7 ? 200 : run.Rng.NextDouble() < 0.5 ? 500 : 400;
            run.Web(t, ip, "GET", run.Pick(paths) + run.Pick(payloads), status, status == 200 ? 8000 + run.Rng.Next(0, 4000) : 555, "-", ua);
            t += run.Gap(meanGap);
        }
    }
}

/// <summary>One address hammering the site (application-layer denial of service or an abusive scraper).</summary>
public sealed class RequestFlood : IAttackScenario
{
    public string Name => "request_flood";
    public string Description => "one address at 25-60 requests/s for 30-60 s (stealth: 12/s), pages and searches, some 503";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        run.Identify(ip, null);
        var rps = (run.Settings.Stealth > 0 ? 12 + (1 - run.Settings.Stealth) * 13 : run.Rng.Next(25, 61)) * run.Settings.Rate;
        var seconds = run.Rng.Next(30, 61) * run.Settings.Duration;
        var ua = AttackAgents.Pick(run, "python-requests/2.31.0", "Go-http-client/1.1", "Mozilla/5.0");
        var end = start + TimeSpan.FromSeconds(seconds);
        for (var t = start; t < end; t += run.Gap(1 / rps))
        {
            var path = run.Rng.NextDouble() < 0.5 ? "/" : $"/search?q={run.Rng.Next(1, 100000)}";
            var overloaded = run.Rng.NextDouble() < 0.1;
            run.Web(t, ip, "GET", path, overloaded ? 503 : 200, overloaded ? 197 : 9000 + run.Rng.Next(0, 3000), "-", ua);
        }
    }
}

/// <summary>A large data pull: a stolen API token exporting whole tables, or a backup archive fetched from the site.</summary>
public sealed class LargeDataPull : IAttackScenario
{
    public string Name => "large_data_pull";
    public string Description => "a new address makes 2-5 API calls, then downloads 1-5 exports of 150 MB-2 GB each (stealth: 60-150 MB)";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        run.Identify(ip, null);
        var ua = AttackAgents.Pick(run, "python-requests/2.31.0", "curl/8.5.0", AttackAgents.Browser);
        var t = start;
        for (var i = run.Rng.Next(2, 6); i > 0; i--)
        {
            run.Web(t, ip, "GET", $"/api/v1/orders?page={run.Rng.Next(1, 50)}", 200, 20_000 + run.Rng.Next(0, 30_000), "-", ua);
            t += run.Gap(3);
        }
        var downloads = run.Rng.Next(1, 6);
        for (var i = 0; i < downloads; i++)
        {
            var mb = run.Rng.NextDouble() < run.Settings.Stealth ? run.Rng.Next(60, 151) : run.Rng.Next(150, 2049);
            var path = run.Rng.NextDouble() < 0.7 ? $"/api/v1/export/customers.csv?part={i + 1}" : "/downloads/site-archive.tar.gz";
            run.Web(t, ip, "GET", path, 200, mb * 1024L * 1024L, "-", ua);
            t += TimeSpan.FromSeconds(mb / 10.0 * (1 + run.Rng.NextDouble()));   // ~10 MB/s
        }
    }
}

/// <summary>A bot replaying leaked credentials against the web login form: each form posted a moment after it loaded.</summary>
public sealed class WebLoginStuffing : IAttackScenario
{
    public string Name => "web_login_stuffing";
    public string Description => "a bot loads /account/login and posts it 0.2-1.5 s later, 10-60 times, then one login works (302)";

    public void Write(AttackRun run, DateTimeOffset start)
    {
        var (ip, _) = run.Addresses.Next();
        run.Identify(ip, null);
        var ua = run.Rng.NextDouble() < 0.7 ? AttackAgents.Browser : "python-requests/2.31.0";
        var tries = (int)(run.Rng.Next(10, 61) * run.Settings.Duration);
        var t = start;
        for (var i = 0; i < tries; i++)
        {
            run.Web(t, ip, "GET", "/account/login", 200, 7400 + run.Rng.Next(0, 100), "-", ua);
            t += TimeSpan.FromSeconds(0.2 + run.Rng.NextDouble() * 1.3);
            var last = i == tries - 1;
            run.Web(t, ip, "POST", "/account/login", last ? 302 : 200, last ? 0 : 7600 + run.Rng.Next(0, 100), "https://shop.example.com/account/login", ua);
            t += run.Gap(2.0 * (1 + run.Settings.Stealth * 5) / run.Settings.Rate);
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SiemActors.Node.Cli;

/// <summary>
/// A realistic mix for load tests, made in memory: sshd logins (10% failures) and nginx access lines from
/// <c>ips</c> distinct clients and <c>users</c> accounts, 3 ms apart in time order, cut into ready-to-send batch
/// bodies, with where each line's time stands (<see cref="CorpusTimes"/>).
/// </summary>
public static class LoadCorpus
{
    private static readonly string[] Paths = ["/", "/index.html", "/products/42", "/blog/2026/01/release", "/static/app.js", "/static/site.css", "/img/logo.png", "/api/cart", "/search?q=shoes", "/login"];
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    ];

    /// <summary>Event time between two lines: 333 lines a second, 3,000 s for a million.</summary>
    public static readonly TimeSpan LineSpacing = TimeSpan.FromMilliseconds(3);

    public static (List<byte[]> Bodies, CorpusTimes Times) Generate(int lines, int ips, int users, int batch, int seed)
    {
        var rng = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 13, 8, 0, 0, TimeSpan.Zero);
        var bodies = new List<byte[]>(lines / batch + 1);
        var stamps = new List<CorpusTimes.Stamp[]>(lines / batch + 1);
        var inBody = new List<CorpusTimes.Stamp>(batch);
        var sb = new StringBuilder(batch * 160);
        var inBatch = 0;
        for (var i = 0; i < lines; i++)
        {
            var t = start + LineSpacing * i;
            var id = rng.Next(ips);
            var ip = $"{11 + id % 200}.{id / 200 % 256}.{id / 51_200 % 256}.{1 + id % 251}";
            if (rng.Next(5) == 0)
            {
                var user = "user" + rng.Next(users).ToString(CultureInfo.InvariantCulture);
                var verb = rng.Next(10) == 0 ? "Failed" : "Accepted";
                inBody.Add(new CorpusTimes.Stamp(sb.Length, Syslog: true, t.UtcTicks));
                sb.Append(t.ToString(CorpusTimes.SyslogFormat, CultureInfo.InvariantCulture)).Append(" bastion sshd[").Append(1000 + rng.Next(60000))
                  .Append("]: ").Append(verb).Append(" password for ").Append(user).Append(" from ").Append(ip).Append(" port ")
                  .Append(30000 + rng.Next(30000)).Append(" ssh2\n");
            }
            else
            {
                sb.Append(ip).Append(" - - [");
                inBody.Add(new CorpusTimes.Stamp(sb.Length, Syslog: false, t.UtcTicks));
                sb.Append(t.ToString(CorpusTimes.AccessLogFormat, CultureInfo.InvariantCulture)).Append(" +0000] \"GET ")
                  .Append(Paths[rng.Next(Paths.Length)]).Append(" HTTP/1.1\" ").Append(rng.Next(50) == 0 ? 404 : 200).Append(' ')
                  .Append(200 + rng.Next(90000)).Append(" \"-\" \"").Append(Agents[rng.Next(Agents.Length)]).Append("\"\n");
            }
            if (++inBatch == batch) Cut();
        }
        if (inBatch > 0) Cut();
        // A whole number of seconds, the stamps' resolution: a pass's lines are then exactly a span after the last pass's.
        var span = TimeSpan.FromSeconds(Math.Ceiling((LineSpacing * lines).TotalSeconds));
        return (bodies, new CorpusTimes([.. stamps], span));

        // Every char is ASCII, so a stamp's offset in the text is its offset in the body.
        void Cut()
        {
            bodies.Add(Encoding.UTF8.GetBytes(sb.ToString()));
            stamps.Add([.. inBody]);
            sb.Clear();
            inBody.Clear();
            inBatch = 0;
        }
    }

    /// <summary>One line (a body of one, its newline dropped) as a <c>POST /api/v1/logs/analyze</c> request.</summary>
    public static byte[] AnalyzeRequest(byte[] line) =>
        JsonSerializer.SerializeToUtf8Bytes(new { log_line = Encoding.UTF8.GetString(line).TrimEnd('\n'), source = "auto" });

    /// <summary>Batch bodies from log files, <paramref name="batch"/> lines each.</summary>
    public static List<byte[]> FromFiles(IEnumerable<string> files, int batch)
    {
        var bodies = new List<byte[]>();
        foreach (var chunk in LineSource.Read(files).Chunk(batch))
            bodies.Add(Encoding.UTF8.GetBytes(string.Join('\n', chunk)));
        return bodies;
    }
}

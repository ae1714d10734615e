using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;

namespace SiemActors.Benchmarks;

/// <summary>
/// Line-to-typed-event throughput of the span parsers, against a naive Regex baseline doing the same extraction.
/// Run: dotnet run -c Release --project tests/SiemActors.Benchmarks -- --filter '*Parser*' --job short
/// </summary>
[MemoryDiagnoser]
public partial class ParserBenchmarks
{
    private const string SshdLine = "Jan 13 03:45:12 server sshd[1234]: Failed password for invalid user admin from 45.142.212.61 port 52211 ssh2";
    private const string NginxLine = "203.0.113.7 - - [13/Jan/2024:03:45:12 +0000] \"GET /wp-login.php?redirect_to=%2Fadmin HTTP/1.1\" 404 153 \"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36\"";
    private static readonly DateTimeOffset Received = new(2024, 1, 13, 4, 0, 0, TimeSpan.Zero);

    [GeneratedRegex(@"^(\w{3}\s+\d+ \d\d:\d\d:\d\d) (\S+) (\S+?)\[(\d+)\]: Failed (\S+) for (invalid user )?(.*) from (\S+) port (\d+)")]
    private static partial Regex SshdRegex();

    [GeneratedRegex("^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"(\\S+) (\\S+) HTTP/([^\"]+)\" (\\d{3}) (\\d+|-) \"([^\"]*)\" \"([^\"]*)\"")]
    private static partial Regex NginxRegex();

    [Benchmark]
    public LogEvent? Sshd_Span() => LineParsers.Parse(SourceKind.Sshd, SshdLine, Received).Event;

    [Benchmark]
    public LogEvent? Sshd_Auto() => LineParsers.Parse(SourceKind.Auto, SshdLine, Received).Event;

    [Benchmark(Baseline = true)]
    public LogEvent? Sshd_RegexBaseline()
    {
        var m = SshdRegex().Match(SshdLine);
        if (!m.Success) return null;
        return new LogEvent
        {
            Timestamp = DateTimeOffset.ParseExact(m.Groups[1].Value + " 2024", "MMM d HH:mm:ss yyyy", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
            Source = SourceKind.Sshd,
            Action = "ssh_login",
            Outcome = EventOutcome.Failure,
            HostName = m.Groups[2].Value,
            ProcessName = m.Groups[3].Value,
            ProcessPid = int.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture),
            UserName = m.Groups[7].Value,
            SourceIp = m.Groups[8].Value,
            SourcePort = int.Parse(m.Groups[9].Value, System.Globalization.CultureInfo.InvariantCulture),
            Original = SshdLine,
        };
    }

    [Benchmark]
    public LogEvent? Nginx_Span() => LineParsers.Parse(SourceKind.Nginx, NginxLine, Received).Event;

    [Benchmark]
    public LogEvent? Nginx_Auto() => LineParsers.Parse(SourceKind.Auto, NginxLine, Received).Event;

    [Benchmark]
    public LogEvent? Nginx_RegexBaseline()
    {
        var m = NginxRegex().Match(NginxLine);
        if (!m.Success) return null;
        return new LogEvent
        {
            Timestamp = DateTimeOffset.ParseExact(m.Groups[3].Value, "dd/MMM/yyyy:HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture),
            Source = SourceKind.Nginx,
            Action = "http_request",
            SourceIp = m.Groups[1].Value,
            HttpMethod = m.Groups[4].Value,
            UrlOriginal = m.Groups[5].Value,
            HttpVersion = m.Groups[6].Value,
            HttpStatus = int.Parse(m.Groups[7].Value, System.Globalization.CultureInfo.InvariantCulture),
            HttpBytes = m.Groups[8].Value == "-" ? null : long.Parse(m.Groups[8].Value, System.Globalization.CultureInfo.InvariantCulture),
            HttpReferrer = m.Groups[9].Value,
            UserAgent = m.Groups[10].Value,
            Original = NginxLine,
        };
    }
}

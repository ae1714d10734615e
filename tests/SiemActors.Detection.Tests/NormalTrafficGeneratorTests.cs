using System.Globalization;
using System.Text.RegularExpressions;
using SiemActors.Detection.Rules;
using SiemActors.Detection.Scoring;
using SiemActors.Detection.Simulation;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Detection.Tests;

public partial class NormalTrafficGeneratorTests
{
    private static readonly DateTimeOffset Monday = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);

    [GeneratedRegex(@"^<(\d+)>([A-Z][a-z]{2}) ([ \d]\d) (\d\d:\d\d:\d\d) (\S+) sshd\[(\d+)\]: (.+)$")]
    private static partial Regex SyslogLine();

    [GeneratedRegex("""^(\S+) - - \[([^\]]+)\] "(GET|POST) (\S+) HTTP/1\.1" (\d{3}) (\d+) "([^"]*)" "([^"]+)"$""")]
    private static partial Regex AccessLine();

    [Fact]
    public void Day_of_traffic_is_well_formed_time_ordered_and_reproducible()
    {
        var lines = new NormalTrafficGenerator().Generate(Monday, TimeSpan.FromDays(1), seed: 1).ToList();
        Assert.Equal(lines.Take(20_000), new NormalTrafficGenerator().Generate(Monday, TimeSpan.FromDays(1), seed: 1).Take(20_000));
        Assert.NotEqual(lines.Take(50), new NormalTrafficGenerator().Generate(Monday, TimeSpan.FromDays(1), seed: 2).Take(50));

        var previous = Monday.AddDays(-1);
        int ssh = 0, web = 0, failed = 0, accepted = 0, notFound = 0, bots = 0;
        foreach (var line in lines)
        {
            DateTimeOffset t;
            if (SyslogLine().Match(line) is { Success: true } s)
            {
                ssh++;
                t = DateTimeOffset.ParseExact($"2025 {s.Groups[2].Value} {s.Groups[3].Value.Trim()} {s.Groups[4].Value}", "yyyy MMM d HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                if (s.Groups[7].Value.StartsWith("Failed password", StringComparison.Ordinal)) failed++;
                if (s.Groups[7].Value.StartsWith("Accepted ", StringComparison.Ordinal)) accepted++;
            }
            else if (AccessLine().Match(line) is { Success: true } a)
            {
                web++;
                t = DateTimeOffset.ParseExact(a.Groups[2].Value, "dd/MMM/yyyy:HH:mm:ss zzz", CultureInfo.InvariantCulture);
                if (a.Groups[5].Value == "404") notFound++;
                if (a.Groups[8].Value.Contains("bot", StringComparison.OrdinalIgnoreCase)) bots++;
            }
            else
            {
                Assert.Fail($"unexpected line: {line}");
                return;
            }
            Assert.True(t >= previous.AddSeconds(-1) , $"out of order: {line}");   // syslog has second resolution
            if (t > previous) previous = t;
        }
        Console.WriteLine($"normal day: {lines.Count} lines, {ssh} sshd, {web} nginx, {failed} failed passwords, {notFound} 404s, {bots} crawler");
        Assert.InRange(ssh, 2000, 20_000);
        Assert.InRange(web, 20_000, 300_000);
        Assert.InRange(failed, 1, accepted / 10);     // typos are occasional
        Assert.InRange(notFound, 1, web / 20);
        Assert.True(bots > 500, $"{bots} crawler lines");
    }

    [Fact]
    public void Office_hours_are_busier_than_the_night()
    {
        var lines = new NormalTrafficGenerator().Generate(Monday, TimeSpan.FromDays(1), seed: 3)
            .Where(l => l.StartsWith('<')).ToList();
        int Count(string hh) => lines.Count(l => l.AsSpan(8, 3).SequenceEqual(" " + hh) || l.Substring(11, 2) == hh);
        Assert.True(Count("10") > 5 * Count("03"), $"10h: {Count("10")}, 03h: {Count("03")}");
    }

    [Fact]
    public void Normal_web_traffic_trips_no_url_or_scanner_rule()
    {
        var options = new DetectionOptions();
        foreach (var line in new NormalTrafficGenerator().Generate(Monday.AddHours(9), TimeSpan.FromHours(2), seed: 4))
        {
            if (AccessLine().Match(line) is not { Success: true } a) continue;
            var ev = new LogEvent
            {
                Timestamp = Monday, Source = SourceKind.Nginx, Category = EventCategory.Web,
                UrlOriginal = a.Groups[4].Value, UserAgent = a.Groups[8].Value,
            };
            var hits = RuleSet.Default.Evaluate(ev, FeatureNames.NewVector(), options);
            Assert.True(hits.Count == 0, $"{line}: {string.Join("; ", hits.Select(h => h.Reason))}");
        }
    }
}

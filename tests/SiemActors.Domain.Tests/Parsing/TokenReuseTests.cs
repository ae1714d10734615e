using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;
using Xunit;

namespace SiemActors.Domain.Tests.Parsing;

/// <summary>Short tokens (host, program, user, address) are shared between lines; a shared string must never be the wrong one.</summary>
public class TokenReuseTests
{
    private static readonly DateTimeOffset Received = new(2024, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Repeated_tokens_share_one_instance()
    {
        var a = Parse("Jun 15 10:00:00 web-01 sshd[1]: Failed password for alice from 10.0.0.1 port 22 ssh2");
        var b = Parse("Jun 15 10:00:01 web-01 sshd[2]: Failed password for alice from 10.0.0.1 port 23 ssh2");
        Assert.Same(a.HostName, b.HostName);
        Assert.Same(a.UserName, b.UserName);
        Assert.Same(a.SourceIp, b.SourceIp);
    }

    [Fact]
    public void Many_distinct_tokens_each_come_back_as_written()
    {
        // Far more distinct values than the per-thread table holds, interleaved so slots are overwritten and revisited.
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 3000; i++)
            {
                var host = $"h{i}";
                var user = $"u{i * 7 % 3001}";
                var ip = $"10.{i / 250}.{i % 250}.{round + 1}";
                var ev = Parse($"Jun 15 10:00:00 {host} sshd[1]: Failed password for {user} from {ip} port 22 ssh2");
                Assert.Equal((host, user, ip), (ev.HostName, ev.UserName, ev.SourceIp));
            }
        }
    }

    [Fact]
    public void Tokens_longer_than_the_table_takes_are_still_read()
    {
        var host = new string('h', 60) + ".example.org";
        Assert.Equal(host, Parse($"Jun 15 10:00:00 {host} sshd[1]: Failed password for root from 10.0.0.1 port 22 ssh2").HostName);
    }

    [Fact]
    public void The_last_client_and_agent_are_remembered_but_never_stand_in_for_another()
    {
        // The access parser compares each line's client address and agent with the previous line's before anything else.
        const string Agent = "curl/8.4.0";
        var a = Web($"10.0.0.1 - - [15/Jun/2024:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"{Agent}\"");
        var b = Web($"10.0.0.1 - - [15/Jun/2024:10:00:01 +0000] \"GET /b HTTP/1.1\" 200 1 \"-\" \"{Agent}\"");
        Assert.Same(a.SourceIp, b.SourceIp);
        Assert.Same(a.UserAgent, b.UserAgent);
        // Same length, different text; then clients that are not IPv4 (or not addresses at all) right after one that was.
        Assert.Equal(("10.0.0.2", "curl/8.4.1"), (Web("10.0.0.2 - - [15/Jun/2024:10:00:02 +0000] \"GET /c HTTP/1.1\" 200 1 \"-\" \"curl/8.4.1\"") is var c ? (c.SourceIp, c.UserAgent) : default));
        Assert.Null(Web("10.0.0.256 - - [15/Jun/2024:10:00:03 +0000] \"GET /d HTTP/1.1\" 200 1 \"-\" \"-\"").SourceIp);
        Assert.Null(Web("web-01.lan - - [15/Jun/2024:10:00:04 +0000] \"GET /e HTTP/1.1\" 200 1 \"-\" \"-\"").SourceIp);
        Assert.Equal("10.0.0.2", Web("10.0.0.2 - - [15/Jun/2024:10:00:06 +0000] \"GET /g HTTP/1.1\" 200 1 \"-\" \"-\"").SourceIp);
    }

    [Fact]
    public void User_agents_are_shared_and_never_mixed_up()
    {
        const string Agent = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
        var a = Web($"10.0.0.1 - - [15/Jun/2024:10:00:00 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"{Agent}\"");
        var b = Web($"10.0.0.2 - - [15/Jun/2024:10:00:01 +0000] \"GET /b HTTP/1.1\" 200 1 \"-\" \"{Agent}\"");
        Assert.Same(a.UserAgent, b.UserAgent);
        for (var i = 0; i < 2000; i++)
        {
            // Same length and same sampled chars at the ends: only the middle tells them apart.
            var agent = $"Mozilla/5.0 (compatible; bot-{i:0000}; +http://example.org/bot)";
            Assert.Equal(agent, Web($"10.0.0.1 - - [15/Jun/2024:10:00:00 +0000] \"GET /{i} HTTP/1.1\" 200 1 \"-\" \"{agent}\"").UserAgent);
        }
    }

    private static LogEvent Web(string line) => LineParsers.Parse(SourceKind.Nginx, line, Received).Event!;

    private static LogEvent Parse(string line) => LineParsers.Parse(SourceKind.Sshd, line, Received).Event!;
}

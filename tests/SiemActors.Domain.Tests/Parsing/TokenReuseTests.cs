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

    private static LogEvent Parse(string line) => LineParsers.Parse(SourceKind.Sshd, line, Received).Event!;
}

using System.Diagnostics;
using FsCheck.Xunit;
using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;
using Xunit;

namespace SiemActors.Domain.Tests.Parsing;

/// <summary>Bad input of every kind: no exception, no slow path, and a short reason on failure.</summary>
public class ParserRobustnessTests
{
    private static readonly SourceKind[] Kinds = [SourceKind.Auto, SourceKind.Syslog, SourceKind.Sshd, SourceKind.Nginx, SourceKind.Apache, SourceKind.Json];

    private static readonly string[] Seeds =
    [
        "Jan 13 03:45:12 server sshd[1234]: Failed password for invalid user admin from 45.142.212.61 port 22 ssh2",
        "<38>Dec 10 07:13:31 LabSZ sshd[24227]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.36.59.76  user=root",
        "Accepted publickey for eng from 2001:db8::1 port 8888 ssh2: RSA SHA256:foobar",
        "Received disconnect from 52.80.34.196 port 1:11: Bye Bye [preauth]",
        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] \uFEFFAn application event",
        "93.184.216.34 - frank [10/Oct/2023:13:55:36 -0700] \"GET /index.php?id=1 HTTP/1.1\" 200 2326 \"http://example.com/\" \"Mozilla/5.0 \\\"x\\\"\"",
        "www.example.com:443 ::1 - - [01/Feb/2024:00:00:01 +0000] \"GET / HTTP/2.0\" 200 10 \"-\" \"-\"",
        "2021/04/01 13:02:31 [error] 31#31: *1 open() failed, client: 172.17.0.1, server: localhost, request: \"POST /x HTTP/1.1\", host: \"h\"",
        "[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187:4444] File does not exist",
        """{"@timestamp":"2024-01-13T03:45:12Z","source":{"ip":"1.2.3.4"},"user":{"name":"root"},"event":{"action":"ssh_login"}}""",
        "Mar  3 10:00:00 host sudo[1]: mallory : user NOT in sudoers ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/bash",
    ];

    private const string Specials = "\0 \"[]<>:-\\{}\uFFFD\uFEFF1";

    private static void AssertWellBehaved(SourceKind kind, string line)
    {
        var outcome = LineParsers.Parse(kind, line, ParseHelpers.Received);
        if (outcome.Success)
        {
            Assert.Null(outcome.Error);
            Assert.Same(line, outcome.Event!.Original);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(outcome.Error));
            Assert.True(outcome.Error!.Length < 120, outcome.Error);
            Assert.DoesNotContain("parser error", outcome.Error, StringComparison.Ordinal);
        }
    }

    [Property(MaxTest = 2000)]
    public void Random_strings_never_throw(string? line)
    {
        foreach (var kind in Kinds) AssertWellBehaved(kind, line ?? "");
    }

    [Property(MaxTest = 3000)]
    public void Mutated_real_lines_never_throw(int seed, byte seedIndex, byte mutations)
    {
        var rng = new Random(seed);
        var chars = Seeds[seedIndex % Seeds.Length].ToCharArray().ToList();
        for (var m = 0; m < 1 + mutations % 8 && chars.Count > 0; m++)
        {
            var at = rng.Next(chars.Count);
            switch (rng.Next(6))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, (char)rng.Next(0, 0x3000)); break;
                case 2: chars[at] = Specials[rng.Next(Specials.Length)]; break;
                case 3: chars.RemoveRange(at, chars.Count - at); break;
                case 4: chars.InsertRange(at, chars.GetRange(0, Math.Min(at, 20))); break;
                default: chars[at] = (char)rng.Next(32, 127); break;
            }
        }
        var line = new string(chars.ToArray());
        foreach (var kind in Kinds) AssertWellBehaved(kind, line);
    }

    [Fact]
    public void Every_prefix_of_every_seed_is_handled()
    {
        foreach (var seed in Seeds)
        {
            for (var n = 0; n <= seed.Length; n++)
            {
                foreach (var kind in Kinds) AssertWellBehaved(kind, seed[..n]);
            }
        }
    }

    [Fact]
    public void Binary_garbage_nul_bytes_and_replacement_characters_fail_cleanly()
    {
        var rng = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var buffer = new char[rng.Next(1, 300)];
            for (var k = 0; k < buffer.Length; k++) buffer[k] = (char)rng.Next(0, 256);
            foreach (var kind in Kinds) AssertWellBehaved(kind, new string(buffer));
        }
        Assert.Equal("empty line", LineParsers.Parse(SourceKind.Auto, "\0\0\0", ParseHelpers.Received).Error);
        Assert.Equal("unrecognised line format", LineParsers.Parse(SourceKind.Auto, "\uFFFD\uFFFD\u0001garbage", ParseHelpers.Received).Error);
        Assert.Equal("unrecognised sshd message", LineParsers.Parse(SourceKind.Sshd, "Failed\0password", ParseHelpers.Received).Error);
    }

    [Fact]
    public void Replacement_characters_inside_a_real_line_still_parse()
    {
        var ev = ParseHelpers.Ok(SourceKind.Auto, "Jan 13 03:45:12 server sshd[1]: Invalid user \uFFFD\uFFFDadmin from 45.142.212.61 port 22");
        Assert.Equal("\uFFFD\uFFFDadmin", ev.UserName);
        Assert.Equal("45.142.212.61", ev.SourceIp);
    }

    [Fact]
    public void Megabyte_lines_are_fast_and_do_not_throw()
    {
        var big = new string('A', 1 << 20);
        string[] lines =
        [
            big,
            "Jan 13 03:45:12 server sshd[1234]: Failed password for " + big + " from 1.2.3.4 port 22 ssh2",
            "Jan 13 03:45:12 server sshd[1234]: Failed password for " + string.Concat(Enumerable.Repeat(" from x", 100_000)),
            "1.1.1.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /" + big + " HTTP/1.1\" 200 1 \"-\" \"" + big + "\"",
            "1.1.1.1 - - [10/Oct/2000:13:55:36 -0700] \"" + new string('\\', 1 << 20),
            "<1>1 - - - - - [" + string.Concat(Enumerable.Repeat("a x=\"1\"][", 50_000)) + "]",
            "{\"a\":\"" + big + "\"}",
            new string('[', 1 << 20),
            new string('{', 1 << 20),
            "Disconnected from " + string.Concat(Enumerable.Repeat(" port 1", 100_000)),
        ];
        var sw = Stopwatch.StartNew();
        foreach (var line in lines)
        {
            foreach (var kind in Kinds) AssertWellBehaved(kind, line);
        }
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
    }
}

using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using SiemActors.Node.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SiemActors.Node.Tests.Syslog;

/// <summary>Real datagrams and streams into a real node: every framing ends as events of the IP the lines name.</summary>
public sealed class SyslogListenerSpec(SyslogNode node, ITestOutputHelper output) : IClassFixture<SyslogNode>
{
    private static string Line(string ip, int second = 12) =>
        $"<38>Jan 13 03:45:{second % 60:00} server sshd[1234]: Failed password for admin from {ip} port 22 ssh2";

    private static string Counted(string message) => $"{Encoding.UTF8.GetByteCount(message)} {message}";

    [Fact]
    public async Task Udp_datagrams_become_events_of_their_ip()
    {
        const string ip = "198.51.100.11";
        using var udp = new UdpClient();
        for (var i = 0; i < 3; i++) await udp.SendAsync(Encoding.UTF8.GetBytes(Line(ip, i) + "\n"), node.Udp);

        await node.ExpectEventsAsync(ip, 3);
    }

    [Fact]
    public async Task A_tcp_stream_mixing_octet_counting_and_newlines_is_read_whatever_the_segment_boundaries()
    {
        const string ip = "198.51.100.12";
        var stream = Encoding.UTF8.GetBytes(
            Counted(Line(ip, 1)) + Line(ip, 2) + "\n" + Counted(Line(ip, 3)) + Line(ip, 4) + "\r\n");
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(node.Tcp);
        var net = tcp.GetStream();
        // Small writes with no delay: the listener sees frames cut in the middle of counts and lines.
        for (var offset = 0; offset < stream.Length; offset += 37)
        {
            await net.WriteAsync(stream.AsMemory(offset, Math.Min(37, stream.Length - offset)));
            await net.FlushAsync();
        }

        await node.ExpectEventsAsync(ip, 4);
    }

    [Fact]
    public async Task The_tls_listener_reads_octet_counted_frames()
    {
        const string ip = "198.51.100.13";
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.Tls);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("localhost");
        await tls.WriteAsync(Encoding.UTF8.GetBytes(Counted(Line(ip, 1)) + Counted(Line(ip, 2))));
        await tls.FlushAsync();

        await node.ExpectEventsAsync(ip, 2);
    }

    [Fact]
    public async Task Oversized_frames_are_rejected_and_counted_and_the_connection_goes_on()
    {
        const string ip = "198.51.100.14";
        var stats = node.Stats("tcp");
        var rejectedBefore = stats.Rejected;
        var huge = "<13>" + new string('x', 70_000);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.Tcp);
        var net = tcp.GetStream();
        await net.WriteAsync(Encoding.UTF8.GetBytes(Counted(huge) + huge + "\n" + Line(ip) + "\n"));
        await net.FlushAsync();

        await node.ExpectEventsAsync(ip, 1);
        Assert.Equal(rejectedBefore + 2, stats.Rejected);
    }

    [Fact]
    public async Task An_implausible_octet_count_closes_the_connection()
    {
        var stats = node.Stats("tcp");
        var rejectedBefore = stats.Rejected;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.Tcp);
        var net = tcp.GetStream();
        await net.WriteAsync("99999999 <13>not syslog framing"u8.ToArray());
        await net.FlushAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await net.ReadAsync(new byte[16], timeout.Token);
        Assert.Equal(0, read); // closed by the node
        Assert.Equal(rejectedBefore + 1, stats.Rejected);
    }

    [Fact]
    public async Task Many_lines_go_to_the_ingress_in_a_few_batches_not_one_ask_per_line()
    {
        const string ip = "198.51.100.16";
        const int lines = 2000;
        var stats = node.Stats("tcp");
        var batchesBefore = stats.Batches;
        var answeredBefore = stats.Answered;
        var text = new StringBuilder();
        for (var i = 0; i < lines; i++) text.Append(Counted(Line(ip, i)));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.Tcp);
        await tcp.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text.ToString()));

        await node.ExpectEventsAsync(ip, lines);
        await Eventually.Async(() => Task.FromResult(stats.Answered - answeredBefore >= lines), TimeSpan.FromSeconds(30), "every batch answered");
        var batches = stats.Batches - batchesBefore;
        output.WriteLine($"{lines} lines in {batches} batches");
        Assert.InRange(batches, lines / 500, lines / 20);
    }

    [Fact]
    public async Task Util_linux_logger_is_a_real_syslog_client_over_tcp_and_udp()
    {
        const string logger = "/usr/bin/logger";
        if (!File.Exists(logger))
        {
            output.WriteLine($"SKIPPED: {logger} (util-linux) is not installed, so no real syslog client is at hand");
            return;
        }
        const string ip = "198.51.100.15";
        var message = $"Failed password for admin from {ip} port 22 ssh2";
        await RunAsync(logger, "-n", "127.0.0.1", "-P", node.Tcp.Port.ToString(), "-T", "--octet-count", "-t", "sshd", message);
        await RunAsync(logger, "-n", "127.0.0.1", "-P", node.Tcp.Port.ToString(), "-T", "-t", "sshd", message);
        await RunAsync(logger, "-n", "127.0.0.1", "-P", node.Udp.Port.ToString(), "-d", "-t", "sshd", message);

        await node.ExpectEventsAsync(ip, 3);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}: {error}");
    }
}

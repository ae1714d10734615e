using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using SiemActors.Node.Syslog;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Syslog;

/// <summary>A real node with UDP, TCP and TLS syslog listeners on free loopback ports, and a self-signed certificate.</summary>
public sealed class SyslogNode : IAsyncLifetime
{
    public const string CertificatePassword = "test-only";

    private string _certificatePath = "";

    public TestNode Node { get; private set; } = null!;
    public SyslogService Syslog => Node.Services.GetRequiredService<SyslogService>();
    public IPEndPoint Udp => Syslog.EndpointOf("udp")!;
    public IPEndPoint Tcp => Syslog.EndpointOf("tcp")!;
    public IPEndPoint Tls => Syslog.EndpointOf("tls")!;

    public SyslogListenerStats Stats(string listener) => Syslog.Listeners.Single(l => l.Name == listener).Stats;

    public async Task InitializeAsync()
    {
        _certificatePath = Path.Combine(Path.GetTempPath(), "siem-syslog-test-" + Guid.NewGuid().ToString("N") + ".pfx");
        await File.WriteAllBytesAsync(_certificatePath, SelfSignedPfx(CertificatePassword));
        Node = await TestNode.StartAsync(extraArgs:
        [
            "--Siem:Syslog:UdpPort=0",
            "--Siem:Syslog:TcpPort=0",
            "--Siem:Syslog:TlsPort=0",
            $"--Siem:Syslog:TlsCertificatePath={_certificatePath}",
            $"--Siem:Syslog:TlsCertificatePassword={CertificatePassword}",
        ]);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        File.Delete(_certificatePath);
    }

    /// <summary>Events the node has seen from <paramref name="ip"/> (0 while it has seen none).</summary>
    public async Task<long> EventsOfAsync(string ip)
    {
        using var response = await Node.Http.GetAsync($"/api/v1/entities/ip/{ip}");
        if (response.StatusCode == HttpStatusCode.NotFound) return 0;
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("total_events").GetInt64();
    }

    /// <summary>Waits until the node has seen exactly <paramref name="expected"/> events from <paramref name="ip"/>.</summary>
    public async Task ExpectEventsAsync(string ip, long expected)
    {
        await Eventually.Async(async () => await EventsOfAsync(ip) >= expected, TimeSpan.FromSeconds(30), $"{expected} events from {ip}");
        Assert.Equal(expected, await EventsOfAsync(ip));
    }

    private static byte[] SelfSignedPfx(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Hosting;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;
using Xunit;
using AkkaCluster = Akka.Cluster.Cluster;

namespace SiemActors.Cluster.Tests;

/// <summary>
/// Akka.Remote over TLS (Siem:Cluster:Tls): two nodes with a certificate form a cluster on akka.ssl.tcp addresses and
/// carry a batch's per-event messages and verdicts between them.
/// </summary>
public sealed class TlsClusterSpec : IAsyncLifetime
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"siem-tls-{Guid.NewGuid():N}.db");
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"siem-node-{Guid.NewGuid():N}.pfx");
    private const string Password = "test-only-password";
    private ClusterNode _a = null!, _b = null!;

    private static string SslAddress(int port) => $"akka.ssl.tcp://{ClusterSettings.SystemName}@127.0.0.1:{port}";

    public async Task InitializeAsync()
    {
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=siem-node", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(_pfx, certificate.Export(X509ContentType.Pfx, Password));
        }
        var portA = ClusterNode.FreePort();
        var portB = ClusterNode.FreePort();
        void Tls(SiemOptions o)
        {
            o.Cluster.SeedNodes = [SslAddress(portA)];
            // Self-signed: encrypted, peers not authenticated (a CA-issued certificate would turn validation on).
            o.Cluster.Tls = new RemoteTlsSettings { CertificatePath = _pfx, CertificatePassword = Password, SuppressValidation = true };
        }
        var persistence = new PersistenceSettings { Provider = "sqlite", ConnectionString = $"Data Source={_db}" };
        _a = await ClusterNode.StartAsync(portA, portA, persistence, Tls);
        _b = await ClusterNode.StartAsync(portB, portA, persistence, Tls);
        await Poll.Until(() => AkkaCluster.Get(_a.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 2, "two TLS members up");
        await _a.WaitForIpRegionsAsync(2);
    }

    [Fact]
    public async Task Members_talk_over_tls_and_a_batch_is_scored_across_them()
    {
        Assert.All(AkkaCluster.Get(_a.System).State.Members, m => Assert.Equal("akka.ssl.tcp", m.Address.Protocol));

        var ips = Enumerable.Range(1, 30).Select(i => $"198.51.100.{i}").ToList();
        var lines = ips.Select((ip, i) => new RawLine(
            $"Jan 13 03:45:{i % 60:00} server sshd[1234]: Failed password for admin from {ip} port 22 ssh2", SourceKind.Auto)).ToList();
        var ingress = await _a.Registry.GetAsync<IngressGateway>();

        var result = await ingress.Ask<BatchResult>(new IngestBatch(lines, DateTimeOffset.UtcNow, VerdictDetail.All), TimeSpan.FromSeconds(30));

        Assert.Equal(30, result.Accepted);
        Assert.Equal(ips, result.Verdicts.Select(v => v.Event.SourceIp));
        Assert.NotEmpty(await _b.HostedIpsAsync(ips)); // some events crossed to node B and back
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm", _pfx }) if (File.Exists(f)) File.Delete(f);
    }
}

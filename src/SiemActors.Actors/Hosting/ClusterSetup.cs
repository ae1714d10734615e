using Akka.Cluster.Hosting;
using Akka.Discovery.Config.Hosting;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Management;
using Akka.Management.Cluster.Bootstrap;
using Akka.Remote.Hosting;

namespace SiemActors.Actors.Hosting;

/// <summary>
/// Remoting and cluster membership. Three ways in: fixed seed nodes (or a lone node joining itself), or
/// Akka.Management cluster bootstrap with config discovery (static lists) or Kubernetes API discovery (pods by label).
/// The split brain resolver (keep-majority, hocon/siem.hocon) downs unreachable members in every mode.
/// </summary>
public static class ClusterSetup
{
    public static AkkaConfigurationBuilder WithSiemCluster(this AkkaConfigurationBuilder builder, ClusterSettings cluster)
    {
        builder
            .AddHocon($"akka.cluster.split-brain-resolver.stable-after = {(long)cluster.DownUnreachableAfter.TotalMilliseconds}ms", HoconAddMode.Prepend)
            .WithRemoting(WithTls(new RemoteOptions { HostName = cluster.Hostname, Port = cluster.Port, PublicHostName = cluster.PublicHostname }, cluster.Tls))
            .WithClustering(new ClusterOptions
            {
                SeedNodes = cluster.Discovery == "seeds" ? cluster.SeedNodes.ToArray() : [],
                Roles = cluster.EffectiveRoles.ToArray(),
            });

        switch (cluster.Discovery.Trim().ToLowerInvariant())
        {
            case "seeds":
                break;
            case "config":
                builder
                    .WithAkkaManagement(hostName: cluster.PublicHostname ?? cluster.Hostname, port: cluster.ManagementPort, autoStart: true)
                    .WithConfigDiscovery(new ConfigServiceDiscoveryOptions
                    {
                        Services = [new Service { Name = cluster.ServiceName, Endpoints = cluster.ConfigEndpoints.ToArray() }],
                    })
                    .WithClusterBootstrap(o =>
                    {
                        o.ContactPointDiscovery.ServiceName = cluster.ServiceName;
                        o.ContactPointDiscovery.DiscoveryMethod = "config";
                        o.ContactPointDiscovery.RequiredContactPointsNr = cluster.RequiredContactPoints;
                    }, autoStart: true);
                break;
            case "kubernetes":
                builder
                    .WithAkkaManagement(hostName: cluster.PublicHostname ?? cluster.Hostname, port: cluster.ManagementPort, bindHostname: "0.0.0.0", autoStart: true)
                    .WithKubernetesDiscovery(new KubernetesDiscoveryOptions { PodLabelSelector = cluster.KubernetesLabelSelector })
                    .WithClusterBootstrap(o =>
                    {
                        o.ContactPointDiscovery.ServiceName = cluster.ServiceName;
                        o.ContactPointDiscovery.DiscoveryMethod = "kubernetes-api";
                        o.ContactPointDiscovery.RequiredContactPointsNr = cluster.RequiredContactPoints;
                    }, autoStart: true);
                break;
            default:
                throw new InvalidOperationException(
                    $"Siem:Cluster:Discovery '{cluster.Discovery}' is not supported: use 'seeds', 'config' or 'kubernetes'");
        }
        return builder;
    }

    /// <summary>TLS between nodes when a certificate is configured (docs/SECURITY.md); plain TCP otherwise.</summary>
    private static RemoteOptions WithTls(RemoteOptions remote, RemoteTlsSettings tls)
    {
        if (!tls.Enabled) return remote;
        remote.EnableSsl = true;
        remote.Ssl = new SslOptions
        {
            SuppressValidation = tls.SuppressValidation,
            RequireMutualAuthentication = tls.RequireMutualAuthentication,
            ValidateCertificateHostname = tls.ValidateCertificateHostname,
            CertificateOptions = new SslCertificateOptions { Path = tls.CertificatePath, Password = tls.CertificatePassword },
        };
        return remote;
    }

    /// <summary>A node with no seeds and no bootstrap forms a cluster of one by joining itself.</summary>
    public static bool JoinsItself(ClusterSettings cluster) => cluster.Discovery == "seeds" && cluster.SeedNodes.Count == 0;
}

using Akka.Cluster.Hosting;
using Akka.Discovery.Config.Hosting;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
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
                SeedNodes = cluster.UsesBootstrap ? [] : cluster.SeedNodes.ToArray(),
                Roles = cluster.EffectiveRoles.ToArray(),
            });

        switch (cluster.DiscoveryMode)
        {
            case "seeds":
                break;
            case "config":
                builder
                    .WithConfigDiscovery(new ConfigServiceDiscoveryOptions
                    {
                        Services = [new Service { Name = cluster.ServiceName, Endpoints = cluster.ConfigEndpoints.ToArray() }],
                    })
                    .WithSiemBootstrap(cluster, "config");
                break;
            case "kubernetes":
                builder
                    .WithKubernetesDiscovery(new KubernetesDiscoveryOptions { PodLabelSelector = cluster.KubernetesLabelSelector })
                    .WithSiemBootstrap(cluster, "kubernetes-api");
                break;
            default:
                throw new InvalidOperationException(
                    $"Siem:Cluster:Discovery '{cluster.Discovery}' is not supported: use 'seeds', 'config' or 'kubernetes'");
        }
        return builder;
    }

    /// <summary>
    /// Cluster bootstrap without Akka.Management's own HTTP server: its Ceen.Httpd-based server cannot start with the
    /// Ceen.Httpd our package mirror serves (0.9.10, built against 0.9.9: MissingMethodException). The node's Kestrel
    /// serves the contact-point route instead (<c>GET /bootstrap/seed-nodes</c> on <see cref="ClusterSettings.ManagementPort"/>),
    /// and the bootstrap is told its own contact point the way Akka.Management documents for manually bound routes.
    /// </summary>
    private static AkkaConfigurationBuilder WithSiemBootstrap(this AkkaConfigurationBuilder builder, ClusterSettings cluster, string discoveryMethod) =>
        builder
            .WithClusterBootstrap(o =>
            {
                o.ContactPointDiscovery.ServiceName = cluster.ServiceName;
                o.ContactPointDiscovery.DiscoveryMethod = discoveryMethod;
                o.ContactPointDiscovery.RequiredContactPointsNr = cluster.RequiredContactPoints;
                // The .NET decider only forms a new cluster when this is off; the required number of answering
                // contact points above still has to be reached first.
                o.ContactPointDiscovery.ContactWithAllContactPoints = false;
                o.ContactPoint.FallbackPort = cluster.ManagementPort;
                // Discovery names each node's own management port (several nodes may share a host): keep them all.
                o.ContactPoint.FilterOnFallbackPort = false;
            }, autoStart: false)
            .AddStartup((system, _) => StartBootstrap(system, cluster));

    private static Task StartBootstrap(Akka.Actor.ActorSystem system, ClusterSettings cluster)
    {
        var bootstrap = ClusterBootstrap.Get(system);
        bootstrap.Routes(Akka.Management.Dsl.ManagementRouteProviderSettings.Create(SelfContactPoint(cluster), readOnly: true));
        return bootstrap.Start();
    }

    /// <summary>The URL other nodes probe this node at: what discovery returns for it.</summary>
    public static Uri SelfContactPoint(ClusterSettings cluster) => new($"http://{cluster.PublicHostname ?? cluster.Hostname}:{cluster.ManagementPort}/");

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
    public static bool JoinsItself(ClusterSettings cluster) => !cluster.UsesBootstrap && cluster.SeedNodes.Count == 0;
}

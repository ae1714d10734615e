using SiemActors.Actors.Alerting;
using SiemActors.Detection.Scoring;

namespace SiemActors.Actors.Hosting;

/// <summary>The <c>Siem</c> configuration section (appsettings.json, environment <c>Siem__...</c>).</summary>
public sealed class SiemOptions
{
    public const string Section = "Siem";

    /// <summary>SQLite file and downloaded data live here.</summary>
    public string DataDir { get; set; } = "./data";
    public ClusterSettings Cluster { get; set; } = new();
    public PersistenceSettings Persistence { get; set; } = new();
    public SlackSettings Slack { get; set; } = new();
    public ModelSettings Models { get; set; } = new();
    public PipelineSettings Pipeline { get; set; } = new();
    public AlertOptions Alerts { get; set; } = new();
    public DetectionOptions Detection { get; set; } = new();
    public Geo.GeoIpSettings GeoIp { get; set; } = new();
}

public sealed class ClusterSettings
{
    public string Hostname { get; set; } = "127.0.0.1";
    /// <summary>Akka.Remote port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 4053;
    public string? PublicHostname { get; set; }
    /// <summary>Addresses like <c>akka.tcp://siem@10.0.0.5:4053</c>; empty: the node joins itself.</summary>
    public List<string> SeedNodes { get; set; } = [];
    /// <summary><c>ingress</c> (HTTP and syslog in, parsers) and/or <c>worker</c> (hosts entities and alerts); empty: both.</summary>
    public List<string> Roles { get; set; } = [];
    public const string SystemName = "siem";

    /// <summary>How members find each other: <c>seeds</c> (SeedNodes, or itself), <c>config</c> or <c>kubernetes</c> (Akka.Management cluster bootstrap).</summary>
    public string Discovery { get; set; } = "seeds";
    /// <summary><see cref="Discovery"/> as every reader compares it: trimmed, lower case.</summary>
    public string DiscoveryMode => Discovery.Trim().ToLowerInvariant();
    /// <summary>Members are found by cluster bootstrap (<c>config</c>, <c>kubernetes</c>), not by seed nodes.</summary>
    public bool UsesBootstrap => DiscoveryMode != "seeds";
    /// <summary>Akka.Management HTTP port, used by cluster bootstrap to probe contact points.</summary>
    public int ManagementPort { get; set; } = 8558;
    /// <summary>Bootstrap service name: the pod label <c>app</c> on Kubernetes, the service key for config discovery.</summary>
    public string ServiceName { get; set; } = "siem";
    /// <summary>Config discovery: the management endpoints (<c>host:port</c>) of the nodes that may form the cluster.</summary>
    public List<string> ConfigEndpoints { get; set; } = [];
    /// <summary>Contact points that must be found before a new cluster is formed.</summary>
    public int RequiredContactPoints { get; set; } = 2;
    public string KubernetesLabelSelector { get; set; } = "app={0}";
    /// <summary>How long a member must stay unreachable before the split brain resolver downs it and its shards move.</summary>
    public TimeSpan DownUnreachableAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>TLS for Akka.Remote between nodes; off (plain TCP) unless a certificate is configured.</summary>
    public RemoteTlsSettings Tls { get; set; } = new();

    public IReadOnlyList<string> EffectiveRoles => Roles.Count == 0 ? [ClusterRoles.Ingress, ClusterRoles.Worker] : Roles;
}

/// <summary>
/// <c>Siem:Cluster:Tls</c>: every node presents this PKCS#12 certificate and, with mutual authentication, requires the
/// peer's to chain to a trusted root. Seed node addresses then use <c>akka.ssl.tcp://</c>.
/// </summary>
public sealed class RemoteTlsSettings
{
    /// <summary>A .pfx/.p12 file with the private key; unset: no TLS.</summary>
    public string? CertificatePath { get; set; }
    /// <summary>A secret: only from configuration or environment, never logged.</summary>
    public string? CertificatePassword { get; set; }
    /// <summary>Both ends present certificates (Akka's default).</summary>
    public bool RequireMutualAuthentication { get; set; } = true;
    /// <summary>Off by default: node certificates often name a DNS name while peers connect by IP.</summary>
    public bool ValidateCertificateHostname { get; set; }
    /// <summary>Accept any certificate (self-signed test clusters only): encrypts, but does not authenticate peers.</summary>
    public bool SuppressValidation { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}

public sealed class PersistenceSettings
{
    /// <summary><c>sqlite</c> (single node default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>Unset: a SQLite file <c>siem.db</c> under the data directory.</summary>
    public string? ConnectionString { get; set; }
    /// <summary>
    /// SQLite only: how often the commits are made durable together (<see cref="SqliteGroupCommit"/>); what a power
    /// loss can cost. Zero: an fsync per commit.
    /// </summary>
    public TimeSpan SqliteSyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><see cref="Provider"/> is PostgreSQL rather than SQLite.</summary>
    public bool IsPostgres => IsPostgresProvider(Provider);

    /// <summary>
    /// A provider name read the one way the journal, the snapshot store and the entity store all read it (trimmed, any
    /// case); a name that is neither fails here.
    /// </summary>
    public static bool IsPostgresProvider(string provider) => provider.Trim().ToLowerInvariant() switch
    {
        "sqlite" => false,
        "postgres" or "postgresql" => true,
        var other => throw new InvalidOperationException(
            $"Siem:Persistence:Provider '{other}' is not supported: use 'sqlite' (single node) or 'postgres' (cluster)"),
    };
}

public sealed class SlackSettings
{
    /// <summary>A secret: only from configuration or environment, never logged.</summary>
    public string? WebhookUrl { get; set; }
}

public sealed class ModelSettings
{
    public string Path { get; set; } = "models/default.zip";
    /// <summary>Reload the model when its file changes.</summary>
    public bool Watch { get; set; } = true;
}

public sealed class PipelineSettings
{
    public int ScorerPoolSize { get; set; } = Math.Max(2, Environment.ProcessorCount);
    public int ParserPoolSize { get; set; } = Math.Max(2, Environment.ProcessorCount);
    /// <summary>Shards of the alert region.</summary>
    public int MaxShards { get; set; } = 100;
    /// <summary>
    /// Partitions of the ip region and of the user region (each partition is a shard and holds many entities). More
    /// spreads a cluster's entities more evenly; fewer puts more events in each message. Must agree across nodes.
    /// </summary>
    public int EntityPartitions { get; set; } = 32;
    /// <summary>An ip or user entity idle this long is saved and dropped from memory.</summary>
    public TimeSpan PassivateIdleEntityAfter { get; set; } = Entities.EntitySnapshotPolicy.DefaultIdleAfter;
    /// <summary>An ip or user entity saves a snapshot after this many events...</summary>
    public int SnapshotEveryEvents { get; set; } = 1000;
    /// <summary>...or this long after its first unsaved event, whichever comes first (and always when it stops).</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>A batch not fully scored by then is answered 503 so the client retries.</summary>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

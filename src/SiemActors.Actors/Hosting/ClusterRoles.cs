namespace SiemActors.Actors.Hosting;

/// <summary>What a node does in the cluster; every node has both unless configured otherwise.</summary>
public static class ClusterRoles
{
    /// <summary>Accepts logs (HTTP, syslog) and parses them; entities are reached through shard proxies if it is not also a worker.</summary>
    public const string Ingress = "ingress";
    /// <summary>Hosts the ip, user and alert entities and scores their events.</summary>
    public const string Worker = "worker";
}

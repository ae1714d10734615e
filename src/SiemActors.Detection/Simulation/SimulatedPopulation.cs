namespace SiemActors.Detection.Simulation;

/// <summary>One account of the simulated organisation and the addresses it normally logs in from.</summary>
public sealed record SimulatedUser(string Name, IReadOnlyList<string> Ips, string Host, bool PublicKeyOnly);

/// <summary>
/// Who the normal traffic is made of, for one seed: interactive users, service accounts, web clients, and the
/// public address blocks normal clients come from (attackers are placed outside them).
/// </summary>
public sealed record SimulatedPopulation(
    IReadOnlyList<SimulatedUser> Users,
    IReadOnlyList<SimulatedUser> ServiceAccounts,
    IReadOnlyList<string> WebClientIps,
    IReadOnlyList<string> ClientBlocks,
    IReadOnlyList<string> CrawlerBlocks);

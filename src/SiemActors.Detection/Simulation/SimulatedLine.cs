namespace SiemActors.Detection.Simulation;

/// <summary>What an attack line belongs to: the scenario, which run of it, and the attacker's address and target account.</summary>
public sealed record AttackLabel(string Scenario, int Instance, string? Ip, string? User);

/// <summary>One raw line with its event time; <see cref="Label"/> is null for normal traffic.</summary>
public readonly record struct SimulatedLine(DateTimeOffset Time, string Line, AttackLabel? Label);

namespace SiemActors.Detection.Simulation.Attacks;

/// <summary>One kind of attack the simulator can write, in the raw formats a server would log it.</summary>
public interface IAttackScenario
{
    /// <summary>Stable name used on the command line and in the labels.</summary>
    string Name { get; }
    string Description { get; }
    /// <summary>True when instances start only outside office hours (nights, weekends).</summary>
    bool OffHours => false;
    /// <summary>Writes one instance starting at <paramref name="start"/>; the run holds the randomness and settings.</summary>
    void Write(AttackRun run, DateTimeOffset start);
}

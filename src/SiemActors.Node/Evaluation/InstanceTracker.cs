using SiemActors.Domain.Events;

namespace SiemActors.Node.Evaluation;

/// <summary>What happened to one attack instance (a simulated run, or one attacker address of real data) during the replay.</summary>
public sealed class InstanceTracker(EvalLabels.Label label)
{
    public EvalLabels.Label Label { get; } = label;
    public DateTimeOffset FirstTime { get; private set; } = DateTimeOffset.MaxValue;
    /// <summary>Events of the instance seen so far.</summary>
    public int Events { get; private set; }
    /// <summary>Failed password (or key) attempts seen so far: what "alerted by the 10th attempt" counts.</summary>
    public int FailedLogins { get; private set; }
    public FirstAlert? Alert { get; private set; }

    public sealed record FirstAlert(int Events, int FailedLogins, TimeSpan After, string Rule);

    /// <summary>Counts one event of the instance and returns the running counts at it.</summary>
    public (int Events, int FailedLogins) Observe(LogEvent ev)
    {
        if (ev.Timestamp < FirstTime) FirstTime = ev.Timestamp;
        Events++;
        if (ev is { Action: "ssh_login", Outcome: EventOutcome.Failure } && ev.Reason != "pam") FailedLogins++;
        return (Events, FailedLogins);
    }

    public void Alerted(int events, int failedLogins, DateTimeOffset at, string rule)
    {
        if (Alert is null) Alert = new FirstAlert(events, failedLogins, at - FirstTime, rule);
    }
}

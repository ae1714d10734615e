namespace SiemActors.Domain.Events;

/// <summary>ECS <c>event.outcome</c>.</summary>
public enum EventOutcome : byte { Unknown = 0, Success = 1, Failure = 2 }

/// <summary>ECS <c>event.category</c> values we produce.</summary>
public enum EventCategory : byte { Unknown = 0, Authentication = 1, Session = 2, Web = 3, Iam = 4, Process = 5, Network = 6 }

public static class EventEnumNames
{
    public static string ToEcs(this EventOutcome outcome) => outcome switch
    {
        EventOutcome.Success => "success",
        EventOutcome.Failure => "failure",
        _ => "unknown",
    };

    public static string ToEcs(this EventCategory category) => category switch
    {
        EventCategory.Authentication => "authentication",
        EventCategory.Session => "session",
        EventCategory.Web => "web",
        EventCategory.Iam => "iam",
        EventCategory.Process => "process",
        EventCategory.Network => "network",
        _ => "unknown",
    };
}

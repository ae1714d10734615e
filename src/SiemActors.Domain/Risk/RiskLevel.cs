namespace SiemActors.Domain.Risk;

public enum RiskLevel : byte { Low = 0, Medium = 1, High = 2, Critical = 3 }

/// <summary>The original service's <c>recommended_action</c> values, kept verbatim on the wire.</summary>
public enum RecommendedAction : byte { Allow = 0, Monitor = 1, RequireMfa = 2, BlockIp = 3, LockAccount = 4, Investigate = 5 }

public static class RiskNames
{
    public static string ToWire(this RiskLevel level) => level switch
    {
        RiskLevel.Medium => "medium",
        RiskLevel.High => "high",
        RiskLevel.Critical => "critical",
        _ => "low",
    };

    public static string ToWire(this RecommendedAction action) => action switch
    {
        RecommendedAction.Monitor => "MONITOR",
        RecommendedAction.RequireMfa => "REQUIRE_MFA",
        RecommendedAction.BlockIp => "BLOCK_IP",
        RecommendedAction.LockAccount => "LOCK_ACCOUNT",
        RecommendedAction.Investigate => "INVESTIGATE",
        _ => "ALLOW",
    };
}

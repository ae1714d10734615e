using SiemActors.Actors.Alerting;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Tests.Alerting.Channels;

internal static class TestAlerts
{
    public static readonly DateTimeOffset FirstSeen = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static AlertNotification BruteForce(
        IReadOnlyList<string>? samples = null,
        IReadOnlyList<string>? reasons = null,
        string entityKey = "45.142.212.61",
        string? alertPageUrl = "https://siem.example/alerts/a-1",
        bool isUpdate = false,
        bool isRepeat = false,
        RiskLevel level = RiskLevel.Critical) =>
        new(
            AlertId: "a-1",
            IdempotencyKey: "a-1:r1",
            Revision: 1,
            IsUpdate: isUpdate,
            IsRepeat: isRepeat,
            EntityType: "ip",
            EntityKey: entityKey,
            Scenario: "brute_force",
            Level: level,
            RiskScore: 0.97,
            PeakRiskScore: 0.99,
            Action: RecommendedAction.BlockIp,
            Reasons: reasons ?? ["42 failed logins in 60 s", "12 distinct user names tried"],
            FirstSeen: FirstSeen,
            LastSeen: FirstSeen.AddMinutes(5).ToOffset(TimeSpan.FromHours(2)),
            EventCount: 42,
            SampleLines: samples ?? ["Mar  1 12:00:01 host sshd[123]: Failed password for root from 45.142.212.61 port 50022 ssh2"],
            AlertPageUrl: alertPageUrl);
}

namespace SiemActors.Node.OpenApi;

/// <summary>Example bodies shown in the document and the /docs UI; realistic, and short enough to read.</summary>
internal static class ApiExamples
{
    public const string AnalyzeRequest = """
        {"log_line": "Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2",
         "source": "auto", "metadata": {"ticket": "SEC-42"}}
        """;

    private const string Event = """
        {"@timestamp": "2025-01-13T03:45:12+00:00", "event.kind": "event", "event.category": "authentication",
         "event.action": "ssh_login", "event.outcome": "failure", "source.ip": "45.142.212.61", "source.port": 22,
         "user.name": "admin", "host.hostname": "server", "process.name": "sshd", "process.pid": 1234,
         "message": "Failed password for admin from 45.142.212.61 port 22 ssh2", "siem.source": "sshd"}
        """;

    private const string VerdictFields = """
        "is_anomaly": true, "risk_score": 0.9312, "risk_level": "critical", "recommended_action": "BLOCK_IP",
        "reasons": ["12 failed logins from 45.142.212.61 in the last minute", "privileged account 'admin'"],
        "model_scores": {"isolation_forest": 0.81, "pca": 0.77, "density": 0.69},
        "rules": [{"rule": "brute_force", "severity": "critical", "reason": "12 failed logins in 60 s"}],
        "features": {"hour": 3, "login_attempts": 12, "failed_auth_rate": 1, "is_privileged_user": 1},
        """;

    public const string AnalyzeResponse = "{" + VerdictFields + "\"event\": " + Event + """
        , "metadata": {"ticket": "SEC-42"}, "processing_time_ms": 3.274}
        """;

    public const string BatchNdjson = """
        {"log_line": "Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2"}
        {"log_line": "203.0.113.9 - - [13/Jan/2025:03:45:13 +0000] \"GET /admin HTTP/1.1\" 403 153 \"-\" \"sqlmap/1.7\"", "source": "nginx"}

        """;

    public const string BatchJsonArray = """
        [{"log_line": "Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2"},
         {"log_line": "not a log line at all"}]
        """;

    public const string BatchPlain = """
        Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2
        Jan 13 03:45:14 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2

        """;

    public const string BatchResponse = "{\"accepted\": 1, \"rejected\": [{\"index\": 1, \"error\": \"unrecognised line format\"}], "
        + "\"anomalies\": 1, \"alerts\": 1, \"verdicts\": [{\"index\": 0, " + VerdictFields + "\"event\": " + Event + "}]}";

    public const string Alerts = """
        {"alerts": [{"id": "3f9a1c07d2e84b5a6c11", "entity_type": "ip", "entity": "45.142.212.61",
          "scenario": "brute_force", "risk_level": "critical", "risk_score": 0.9312, "peak_risk_score": 0.9551,
          "recommended_action": "BLOCK_IP", "reasons": ["12 failed logins from 45.142.212.61 in the last minute"],
          "first_seen": "2025-01-13T03:45:12+00:00", "last_seen": "2025-01-13T03:46:02+00:00", "event_count": 25,
          "sample_lines": ["Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2"],
          "revision": 2, "delivered_revision": 2, "delivery_error": null}],
         "total": 1}
        """;

    public const string IpEntity = """
        {"ip": "45.142.212.61", "total_events": 25, "first_seen": "2025-01-13T03:45:12+00:00",
         "last_seen": "2025-01-13T03:46:02+00:00", "windows": {"attempts_1m": 14, "attempts_10m": 25, "failures_1m": 12, "failures_10m": 23},
         "users_tried": [{"value": "admin", "first_seen": "2025-01-13T03:45:12+00:00", "last_seen": "2025-01-13T03:46:02+00:00", "count": 20}],
         "user_agents": []}
        """;

    public const string UserEntity = """
        {"user": "alice", "last_seen": "2025-01-13T09:02:11+00:00", "last_success": "2025-01-13T09:02:11+00:00",
         "last_success_ip": "10.0.4.17", "last_success_country": "DE", "failures_since_success": 0, "is_privileged": false,
         "known_ips": [{"value": "10.0.4.17", "first_seen": "2025-01-06T08:55:40+00:00", "last_seen": "2025-01-13T09:02:11+00:00", "count": 41}],
         "known_countries": [{"value": "DE", "first_seen": "2025-01-06T08:55:40+00:00", "last_seen": "2025-01-13T09:02:11+00:00", "count": 41}],
         "login_hours": [8, 9, 13]}
        """;

    public const string Problem = """
        {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "Bad request", "status": 400,
         "detail": "missing \"log_line\""}
        """;
}

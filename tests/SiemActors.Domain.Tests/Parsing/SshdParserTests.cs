using SiemActors.Domain.Events;
using Xunit;
using static SiemActors.Domain.Tests.Parsing.ParseHelpers;

namespace SiemActors.Domain.Tests.Parsing;

public class SshdParserTests
{
    [Fact]
    public void Failed_password_in_syslog_fills_every_field()
    {
        var ev = Ok(SourceKind.Auto, "Jan 13 03:45:12 server sshd[1234]: Failed password for admin from 45.142.212.61 port 22 ssh2",
            new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(SourceKind.Sshd, ev.Source);
        Assert.Equal(new DateTimeOffset(2024, 1, 13, 3, 45, 12, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal("ssh_login", ev.Action);
        Assert.Equal(EventOutcome.Failure, ev.Outcome);
        Assert.Equal(EventCategory.Authentication, ev.Category);
        Assert.Equal("password", ev.Reason);
        Assert.Equal("45.142.212.61", ev.SourceIp);
        Assert.Equal(22, ev.SourcePort);
        Assert.Equal("admin", ev.UserName);
        Assert.Equal("server", ev.HostName);
        Assert.Equal("sshd", ev.ProcessName);
        Assert.Equal(1234, ev.ProcessPid);
        Assert.Equal("Failed password for admin from 45.142.212.61 port 22 ssh2", ev.Message);
        Assert.Null(ev.SyslogPriority);
    }

    [Theory]
    [InlineData(SourceKind.Auto)]
    [InlineData(SourceKind.Sshd)]
    [InlineData(SourceKind.Syslog)]
    public void Same_line_under_every_kind_that_accepts_it_is_read_by_sshd(SourceKind kind)
    {
        var ev = Ok(kind, "<38>Jan 13 03:45:12 server sshd[1234]: Accepted publickey for deploy from 10.0.0.5 port 50022 ssh2: RSA SHA256:abc");
        Assert.Equal(SourceKind.Sshd, ev.Source);
        Assert.Equal(38, ev.SyslogPriority);
        Assert.Equal(4, ev.SyslogFacility);
        Assert.Equal(6, ev.SyslogSeverity);
        Assert.Equal(("ssh_login", EventOutcome.Success, "publickey"), (ev.Action, ev.Outcome, ev.Reason));
        Assert.Equal(("deploy", "10.0.0.5", 50022), (ev.UserName, ev.SourceIp, ev.SourcePort));
    }

    [Theory]
    [InlineData("Failed password for invalid user oracle from 1.2.3.4 port 4444 ssh2", "ssh_login", EventOutcome.Failure, "oracle", "1.2.3.4", 4444, "invalid_user")]
    [InlineData("Failed password for root from 1.2.3.4", "ssh_login", EventOutcome.Failure, "root", "1.2.3.4", null, "password")]
    [InlineData("Failed password for root from 1.2.3.4 port 22", "ssh_login", EventOutcome.Failure, "root", "1.2.3.4", 22, "password")]
    [InlineData("Failed publickey for git from 2001:db8::7 port 2200 ssh2: ED25519 SHA256:x", "ssh_login", EventOutcome.Failure, "git", "2001:db8::7", 2200, "publickey")]
    [InlineData("Accepted password for bob from ::ffff:192.168.1.20 port 51000 ssh2", "ssh_login", EventOutcome.Success, "bob", "192.168.1.20", 51000, "password")]
    [InlineData("Accepted keyboard-interactive/pam for carol from 10.1.1.1 port 1 ssh2", "ssh_login", EventOutcome.Success, "carol", "10.1.1.1", 1, "keyboard-interactive/pam")]
    [InlineData("Failed none for invalid user 0 from 5.188.10.180 port 49811 ssh2", "ssh_login", EventOutcome.Failure, "0", "5.188.10.180", 49811, "invalid_user")]
    [InlineData("Invalid user webmaster from 173.234.31.186", "ssh_invalid_user", EventOutcome.Failure, "webmaster", "173.234.31.186", null, null)]
    [InlineData("Invalid user admin from 8.8.8.8 port 50000", "ssh_invalid_user", EventOutcome.Failure, "admin", "8.8.8.8", 50000, null)]
    [InlineData("input_userauth_request: invalid user webmaster [preauth]", "ssh_invalid_user", EventOutcome.Failure, "webmaster", null, null, null)]
    [InlineData("ROOT LOGIN REFUSED FROM 9.9.9.9", "ssh_root_login_refused", EventOutcome.Failure, "root", "9.9.9.9", null, null)]
    [InlineData("ROOT LOGIN REFUSED FROM 9.9.9.9 port 2222", "ssh_root_login_refused", EventOutcome.Failure, "root", "9.9.9.9", 2222, null)]
    [InlineData("error: maximum authentication attempts exceeded for root from 7.7.7.7 port 41234 ssh2 [preauth]", "ssh_max_auth_exceeded", EventOutcome.Failure, "root", "7.7.7.7", 41234, null)]
    [InlineData("error: maximum authentication attempts exceeded for invalid user test from 7.7.7.7 port 1 ssh2 [preauth]", "ssh_max_auth_exceeded", EventOutcome.Failure, "test", "7.7.7.7", 1, null)]
    [InlineData("Disconnecting: Too many authentication failures for root [preauth]", "ssh_max_auth_exceeded", EventOutcome.Failure, "root", null, null, null)]
    [InlineData("Disconnecting authenticating user root 7.7.7.7 port 9: Too many authentication failures [preauth]", "ssh_max_auth_exceeded", EventOutcome.Failure, "root", "7.7.7.7", 9, null)]
    [InlineData("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=173.234.31.186  user=root", "ssh_login", EventOutcome.Failure, "root", "173.234.31.186", null, "pam")]
    [InlineData("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=173.234.31.186", "ssh_login", EventOutcome.Failure, null, "173.234.31.186", null, "pam")]
    [InlineData("PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.36.59.76  user=root", "ssh_login", EventOutcome.Failure, "root", "5.36.59.76", null, "pam")]
    [InlineData("pam_unix(sshd:auth): check pass; user unknown", "ssh_invalid_user", EventOutcome.Failure, null, null, null, "pam")]
    [InlineData("Received disconnect from 52.80.34.196: 11: Bye Bye [preauth]", "ssh_disconnect", EventOutcome.Unknown, null, "52.80.34.196", null, null)]
    [InlineData("Received disconnect from 52.80.34.196 port 40000:11: Bye Bye [preauth]", "ssh_disconnect", EventOutcome.Unknown, null, "52.80.34.196", 40000, null)]
    [InlineData("Disconnected from invalid user admin 3.3.3.3 port 5 [preauth]", "ssh_disconnect", EventOutcome.Unknown, "admin", "3.3.3.3", 5, null)]
    [InlineData("Disconnected from user bob 3.3.3.3 port 5", "ssh_disconnect", EventOutcome.Unknown, "bob", "3.3.3.3", 5, null)]
    [InlineData("Connection closed by 173.234.31.186 [preauth]", "ssh_disconnect", EventOutcome.Unknown, null, "173.234.31.186", null, null)]
    [InlineData("Connection closed by authenticating user root 4.4.4.4 port 6 [preauth]", "ssh_disconnect", EventOutcome.Unknown, "root", "4.4.4.4", 6, null)]
    [InlineData("Connection reset by 4.4.4.4 port 6", "ssh_disconnect", EventOutcome.Unknown, null, "4.4.4.4", 6, null)]
    [InlineData("Did not receive identification string from 123.235.32.19", "ssh_no_identification", EventOutcome.Failure, null, "123.235.32.19", null, null)]
    [InlineData("reverse mapping checking getaddrinfo for ns.example.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!", "ssh_reverse_mapping_failed", EventOutcome.Unknown, null, "173.234.31.186", null, null)]
    [InlineData("message repeated 5 times: [ Failed password for root from 5.36.59.76 port 42393 ssh2]", "ssh_login", EventOutcome.Failure, "root", "5.36.59.76", 42393, "password")]
    public void Raw_sshd_messages(string line, string action, EventOutcome outcome, string? user, string? ip, int? port, string? reason)
    {
        var ev = Ok(SourceKind.Sshd, line);
        Assert.Equal(SourceKind.Sshd, ev.Source);
        Assert.Equal(action, ev.Action);
        Assert.Equal(outcome, ev.Outcome);
        Assert.Equal(user, ev.UserName);
        Assert.Equal(ip, ev.SourceIp);
        Assert.Equal(port, ev.SourcePort);
        Assert.Equal(reason, ev.Reason);
        Assert.Equal(ParseHelpers.Received, ev.Timestamp);
        Assert.Equal(line, ev.Message);
    }

    [Fact]
    public void A_user_name_containing_from_and_an_address_does_not_fool_the_address()
    {
        var ev = Ok(SourceKind.Sshd, "Failed password for invalid user x from 1.2.3.4 port 1 from 203.0.113.9 port 2222 ssh2");
        Assert.Equal("203.0.113.9", ev.SourceIp);
        Assert.Equal(2222, ev.SourcePort);
        Assert.Equal("x from 1.2.3.4 port 1", ev.UserName);
        Assert.Equal("invalid_user", ev.Reason);
    }

    [Fact]
    public void Sshd_session_daemon_name_is_sshd()
    {
        var ev = Ok(SourceKind.Auto, "2024-05-01T10:00:00.123456+02:00 web1 sshd-session[777]: Accepted password for alice from 192.0.2.4 port 3333 ssh2");
        Assert.Equal(SourceKind.Sshd, ev.Source);
        Assert.Equal("sshd-session", ev.ProcessName);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234560), ev.Timestamp);
        Assert.Equal("alice", ev.UserName);
    }

    [Fact]
    public void Pam_session_lines_are_sessions()
    {
        var opened = Ok(SourceKind.Auto, "Dec 10 09:32:20 LabSZ sshd[24680]: pam_unix(sshd:session): session opened for user fztu by (uid=0)");
        Assert.Equal(("session_opened", EventOutcome.Success, EventCategory.Session, "fztu"), (opened.Action, opened.Outcome, opened.Category, opened.UserName));
        var closed = Ok(SourceKind.Auto, "Jun 17 20:34:57 combo sshd(pam_unix)[30631]: session closed for user test");
        Assert.Equal(("session_closed", "test", SourceKind.Sshd, "sshd(pam_unix)", 30631), (closed.Action, closed.UserName, closed.Source, closed.ProcessName, closed.ProcessPid));
    }

    [Fact]
    public void Unrecognised_raw_sshd_message_fails_with_reason()
    {
        Assert.Equal("unrecognised sshd message", Fails(SourceKind.Sshd, "Server listening on 0.0.0.0 port 22."));
    }

    [Fact]
    public void Unrecognised_sshd_message_inside_syslog_is_a_plain_syslog_event()
    {
        var ev = Ok(SourceKind.Auto, "Dec 10 11:03:53 LabSZ sshd[25457]: fatal: Write failed: Connection reset by peer [preauth]");
        Assert.Equal(SourceKind.Syslog, ev.Source);
        Assert.Null(ev.Action);
        Assert.Equal(("sshd", 25457, "LabSZ"), (ev.ProcessName, ev.ProcessPid, ev.HostName));
        Assert.Equal("fatal: Write failed: Connection reset by peer [preauth]", ev.Message);
    }
}

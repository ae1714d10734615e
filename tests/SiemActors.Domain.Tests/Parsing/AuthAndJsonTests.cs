using SiemActors.Domain.Events;
using Xunit;
using static SiemActors.Domain.Tests.Parsing.ParseHelpers;

namespace SiemActors.Domain.Tests.Parsing;

public class AuthParserTests
{
    [Theory]
    [InlineData("sudo[6040]: ec2-user : TTY=pts/0 ; PWD=/var/log ; USER=root ; COMMAND=/bin/tail secure", "sudo_command", EventOutcome.Success, "ec2-user", null)]
    [InlineData("sudo[1]: mallory : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/mallory ; USER=root ; COMMAND=/bin/bash", "sudo_denied", EventOutcome.Failure, "mallory", "not_in_sudoers")]
    [InlineData("sudo[1]: bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/id", "sudo_denied", EventOutcome.Failure, "bob", "incorrect_password")]
    [InlineData("sudo[1]: pam_unix(sudo:auth): authentication failure; logname=bob uid=1000 euid=0 tty=/dev/pts/1 ruser=bob rhost=  user=bob", "sudo_denied", EventOutcome.Failure, "bob", "pam")]
    [InlineData("su[9]: Successful su for root by alice", "su_session", EventOutcome.Success, "alice", null)]
    [InlineData("su[9]: FAILED su for root by eve", "su_failure", EventOutcome.Failure, "eve", null)]
    [InlineData("su[9]: (to root) alice on pts/2", "su_session", EventOutcome.Success, "alice", null)]
    [InlineData("su: 'su root' failed for lonvick on /dev/pts/8", "su_failure", EventOutcome.Failure, "lonvick", null)]
    [InlineData("su[9]: pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)", "session_opened", EventOutcome.Success, "root", null)]
    [InlineData("su(pam_unix)[21416]: session closed for user cyrus", "session_closed", EventOutcome.Success, "cyrus", null)]
    [InlineData("CRON[5]: pam_unix(cron:session): session opened for user root by (uid=0)", "session_opened", EventOutcome.Success, "root", null)]
    [InlineData("useradd[3]: new user: name=backdoor, UID=0, GID=0, home=/root, shell=/bin/bash, from=/dev/pts/0", "user_created", EventOutcome.Success, "backdoor", null)]
    [InlineData("groupadd[3]: new group: name=devs, GID=1005", "group_created", EventOutcome.Success, null, null)]
    [InlineData("passwd[4]: pam_unix(passwd:chauthtok): password changed for alice", "password_changed", EventOutcome.Success, "alice", null)]
    [InlineData("chpasswd[4]: password for 'bob' changed by 'root'", "password_changed", EventOutcome.Success, "bob", null)]
    [InlineData("usermod[4]: add 'bob' to group 'sudo'", "user_group_added", EventOutcome.Success, "bob", null)]
    public void Auth_log_programs(string tail, string action, EventOutcome outcome, string? user, string? reason)
    {
        var ev = Ok(SourceKind.Sshd, "Mar  3 10:00:00 host " + tail);
        Assert.Equal(SourceKind.Syslog, ev.Source);
        Assert.Equal((action, outcome, user, reason), (ev.Action, ev.Outcome, ev.UserName, ev.Reason));
        Assert.Equal("host", ev.HostName);
    }

    [Fact]
    public void Iam_changes_are_category_iam()
    {
        var ev = Ok(SourceKind.Auto, "Mar  3 10:00:00 host useradd[3]: new user: name=x, UID=1001");
        Assert.Equal(EventCategory.Iam, ev.Category);
    }
}

public class JsonLineParserTests
{
    [Fact]
    public void Ecs_nested_objects()
    {
        var ev = Ok(SourceKind.Auto, """{"@timestamp":"2024-01-13T03:45:12.5Z","event":{"action":"ssh_login","outcome":"failure","category":["authentication"]},"source":{"ip":"::ffff:10.0.0.1","port":4242},"user":{"name":"root"},"host":{"hostname":"bastion"},"message":"m"}""");
        Assert.Equal(SourceKind.Json, ev.Source);
        Assert.Equal(new DateTimeOffset(2024, 1, 13, 3, 45, 12, 500, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal(("ssh_login", EventOutcome.Failure, EventCategory.Authentication), (ev.Action, ev.Outcome, ev.Category));
        Assert.Equal(("10.0.0.1", 4242, "root", "bastion", "m"), (ev.SourceIp, ev.SourcePort, ev.UserName, ev.HostName, ev.Message));
    }

    [Fact]
    public void Flat_dotted_names()
    {
        var ev = Ok(SourceKind.Json, """{"source.ip":"2001:db8::2","user.name":"alice","http.response.status_code":503,"url.original":"/api","http.request.method":"POST"}""");
        Assert.Equal(("2001:db8::2", "alice", 503, "/api", "POST"), (ev.SourceIp, ev.UserName, ev.HttpStatus, ev.UrlOriginal, ev.HttpMethod));
        Assert.Equal(("http_request", EventCategory.Web, EventOutcome.Failure), (ev.Action, ev.Category, ev.Outcome));
        Assert.Equal(ParseHelpers.Received, ev.Timestamp);
    }

    [Fact]
    public void Common_flat_names()
    {
        var ev = Ok(SourceKind.Json, """{"timestamp":1700000000,"src_ip":"8.8.4.4","username":"bob","msg":"login ok","status":"200","bytes":"12"}""");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), ev.Timestamp);
        Assert.Equal(("8.8.4.4", "bob", "login ok", 200, 12L), (ev.SourceIp, ev.UserName, ev.Message, ev.HttpStatus, ev.HttpBytes));
    }

    [Fact]
    public void Not_an_ip_is_not_a_source_ip()
    {
        var ev = Ok(SourceKind.Json, """{"ip":"not-an-ip","user":"x"}""");
        Assert.Null(ev.SourceIp);
        Assert.Equal("x", ev.UserName);
    }

    [Theory]
    [InlineData("[1,2,3]", "JSON line is not an object")]
    [InlineData("\"str\"", "JSON line is not an object")]
    [InlineData("{\"a\":", "invalid JSON")]
    [InlineData("{bad}", "invalid JSON")]
    public void Non_objects_and_invalid_json_fail(string line, string reasonStart)
    {
        Assert.StartsWith(reasonStart, Fails(SourceKind.Json, line), StringComparison.Ordinal);
    }
}

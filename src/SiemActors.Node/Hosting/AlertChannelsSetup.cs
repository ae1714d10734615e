using SiemActors.Actors.Alerting;
using SiemActors.Actors.Alerting.Channels;
using SiemActors.Actors.Hosting;

namespace SiemActors.Node.Hosting;

/// <summary>
/// Chooses where alerts go: Slack (<c>Siem:Slack:WebhookUrl</c>), a generic JSON webhook (<c>Siem:Alerts:Webhook:Url</c>)
/// and PagerDuty (<c>Siem:Alerts:PagerDuty:RoutingKey</c>), each when configured, else the console log; and which
/// levels go to which (<c>Siem:Alerts:Routes</c>). A bad URL, route or allow-list entry stops the node at start-up
/// with a message naming the key, never the secret.
/// </summary>
public static class AlertChannelsSetup
{
    public static IServiceCollection AddAlertChannels(this IServiceCollection services, SiemOptions options)
    {
        services.AddHttpClient("alerts", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IReadOnlyList<IAlertChannel>>(sp => Channels(sp, options));
        services.AddSingleton(sp =>
        {
            var routing = AlertRouting.For(sp.GetRequiredService<IReadOnlyList<IAlertChannel>>(), options.Alerts.Routes);
            // Fail here rather than in the first alert entity: a typo in an allow-list must not go unnoticed.
            var suppression = SuppressionPolicy.From(options.Alerts.Suppress);
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("SiemActors.Alerts");
            log.LogInformation("Alert routes: {Routes}", routing);
            if (!suppression.IsEmpty) log.LogInformation("Alert allow-list active: {Ips} IPs, {Networks} networks, {Users} users",
                options.Alerts.Suppress.Ips.Count, options.Alerts.Suppress.Networks.Count, options.Alerts.Suppress.Users.Count);
            return routing;
        });
        return services;
    }

    private static List<IAlertChannel> Channels(IServiceProvider sp, SiemOptions options)
    {
        var loggers = sp.GetRequiredService<ILoggerFactory>();
        var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient("alerts");
        var channels = new List<IAlertChannel>();
        if (options.Slack.WebhookUrl is { Length: > 0 } slack)
            channels.Add(new SlackWebhookChannel(http, HttpUrl(slack, "Siem:Slack:WebhookUrl"), loggers.CreateLogger<SlackWebhookChannel>()));
        if (options.Alerts.Webhook.Url is { Length: > 0 } webhook)
            channels.Add(new GenericWebhookChannel(http, HttpUrl(webhook, "Siem:Alerts:Webhook:Url"), loggers.CreateLogger<GenericWebhookChannel>()));
        if (options.Alerts.PagerDuty.RoutingKey is { Length: > 0 } key && !string.IsNullOrWhiteSpace(key))
        {
            var endpoint = options.Alerts.PagerDuty.Endpoint is { Length: > 0 } e ? HttpUrl(e, "Siem:Alerts:PagerDuty:Endpoint") : null;
            channels.Add(new PagerDutyChannel(http, key, loggers.CreateLogger<PagerDutyChannel>(), endpoint));
        }
        if (channels.Count == 0) channels.Add(new ConsoleAlertChannel(loggers.CreateLogger("SiemActors.Alerts")));
        return channels;
    }

    private static Uri HttpUrl(string value, string key) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new InvalidOperationException($"{key} is not an absolute http(s) URL");
}

namespace SiemActors.Node.Syslog;

public static class SyslogSetup
{
    /// <summary>
    /// The syslog listeners (<c>Siem:Syslog</c>). Call after <c>AddAkka</c>: hosted services stop in reverse order, and
    /// the listeners must drain into the pipeline before the actor system goes away.
    /// </summary>
    public static IServiceCollection AddSiemSyslog(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SyslogOptions>(configuration.GetSection(SyslogOptions.Section));
        services.AddSingleton<SyslogService>();
        services.AddHostedService(sp => sp.GetRequiredService<SyslogService>());
        return services;
    }
}

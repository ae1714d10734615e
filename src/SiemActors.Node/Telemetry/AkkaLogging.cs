using Akka.Hosting;

namespace SiemActors.Node.Telemetry;

public static class AkkaLogging
{
    /// <summary>
    /// Sends Akka's log events through Microsoft.Extensions.Logging, so they share the console format (plain or JSON,
    /// <c>Logging:Console:FormatterName</c>) and the level filters (<c>Logging:LogLevel:Akka</c>) of the rest of the node.
    /// </summary>
    public static AkkaConfigurationBuilder WithMicrosoftLogging(this AkkaConfigurationBuilder akka) =>
        akka.ConfigureLoggers(setup =>
        {
            setup.ClearLoggers();
            setup.AddLoggerFactory();
        });
}

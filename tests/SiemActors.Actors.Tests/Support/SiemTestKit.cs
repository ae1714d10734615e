using Akka.Configuration;

namespace SiemActors.Actors.Tests.Support;

/// <summary>
/// TestKit with an expect timeout that holds on the 2-core CI machine, where these specs share the CPU with the
/// cluster specs' processes: a cold first message (JIT, the first state-store query) has taken over the 3 s default.
/// Waiting longer costs a passing test nothing; ExpectNoMsg keeps its explicit durations.
/// </summary>
public abstract class SiemTestKit(string? config = null) : Akka.TestKit.Xunit2.TestKit(
    ConfigurationFactory.ParseString("akka.test.single-expect-default = 10s").WithFallback(ConfigurationFactory.ParseString(config ?? string.Empty)));

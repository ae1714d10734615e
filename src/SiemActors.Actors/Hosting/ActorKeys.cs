namespace SiemActors.Actors.Hosting;

// Keys of the actor registry: one type per actor that other actors or HTTP endpoints look up.
public sealed class IpRegion;
public sealed class UserRegion;
public sealed class AlertRegion;
public sealed class ScorerPool;
public sealed class ParserPool;
public sealed class IngressGateway;
public sealed class AlertDelivery;
public sealed class AlertIndex;
public sealed class EntityStateStore;

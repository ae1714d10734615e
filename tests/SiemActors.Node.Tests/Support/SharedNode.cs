using Xunit;

namespace SiemActors.Node.Tests.Support;

/// <summary>One node shared by the specs that do not count alerts or restart it.</summary>
public sealed class SharedNode : IAsyncLifetime
{
    public TestNode Node { get; private set; } = null!;
    public async Task InitializeAsync() => Node = await TestNode.StartAsync();
    public async Task DisposeAsync() => await Node.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class NodeCollection : ICollectionFixture<SharedNode>
{
    public const string Name = "shared node";
}

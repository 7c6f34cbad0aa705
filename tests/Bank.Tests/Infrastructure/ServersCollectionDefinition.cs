namespace Bank.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class ServersCollectionDefinition : ICollectionFixture<ServersFixture>
{
    public const string Name = "servers";
}

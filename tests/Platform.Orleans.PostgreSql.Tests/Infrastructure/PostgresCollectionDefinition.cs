namespace Platform.Orleans.PostgreSql.Tests.Infrastructure;

/// <summary>Every test class shares one PostgreSQL server; classes run one after another on the shared cores.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

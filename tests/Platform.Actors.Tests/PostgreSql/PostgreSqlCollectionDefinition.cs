namespace Platform.Actors.Tests.PostgreSql;

/// <summary>The test classes that share the one <see cref="PostgreSqlFixture"/> server: mark them <c>[Collection(PostgreSqlCollectionDefinition.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollectionDefinition : ICollectionFixture<PostgreSqlFixture>
{
    public const string Name = "PostgreSQL";
}

namespace Platform.Actors.PostgreSql;

/// <summary>Settings of one <see cref="PostgreSqlGrainStorage"/>.</summary>
public sealed class PostgreSqlGrainStorageOptions
{
    /// <summary>
    /// The Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Username=app;Password=…;Database=actors</c>.
    /// When null, <see cref="ConnectionName"/> is looked up in configuration.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The name of a connection string in configuration (<c>ConnectionStrings:{name}</c>, i.e. the environment variable
    /// <c>ConnectionStrings__{name}</c> the orchestrator sets), used when <see cref="ConnectionString"/> is null.
    /// </summary>
    public string? ConnectionName { get; set; }

    /// <summary>The schema holding the table; default <c>actors</c>. Plain lower-case identifier.</summary>
    public string Schema { get; set; } = "actors";

    /// <summary>The table name; default <c>grain_state</c>. Plain lower-case identifier, at most 40 characters.</summary>
    public string TableName { get; set; } = "grain_state";

    /// <summary>
    /// True (the default) to create the schema and table on first use when missing. Set false when the application's database user may not
    /// run DDL and the table is created by a migration instead (docs/actors-persistence.md has the statements).
    /// </summary>
    public bool CreateSchema { get; set; } = true;
}

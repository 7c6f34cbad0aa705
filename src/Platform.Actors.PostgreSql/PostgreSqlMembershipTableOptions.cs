namespace Platform.Actors.PostgreSql;

/// <summary>Settings of the <see cref="PostgreSqlMembershipTable"/>.</summary>
public sealed class PostgreSqlMembershipTableOptions
{
    /// <summary>The Npgsql connection string. When null, <see cref="ConnectionName"/> is looked up in configuration.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The name of a connection string in configuration (<c>ConnectionStrings:{name}</c>, i.e. the environment variable
    /// <c>ConnectionStrings__{name}</c> the orchestrator sets), used when <see cref="ConnectionString"/> is null.
    /// </summary>
    public string? ConnectionName { get; set; }

    /// <summary>
    /// The cluster whose rows this table reads and writes; several clusters can share one table. When registered through
    /// <c>AddPostgreSqlMembershipTable</c> and left empty, <c>Actors:ClusterId</c> (<see cref="ActorsOptions.ClusterId"/>) is used.
    /// </summary>
    public string ClusterId { get; set; } = "";

    /// <summary>The schema holding the tables; default <c>actors</c>. Plain lower-case identifier.</summary>
    public string Schema { get; set; } = "actors";

    /// <summary>The silo table's name; default <c>membership</c> (the version table is <c>{name}_version</c>). Plain lower-case identifier.</summary>
    public string TableName { get; set; } = "membership";

    /// <summary>
    /// True (the default) to create the schema and tables when missing. Set false when a migration creates them;
    /// the cluster's version row is still inserted when missing.
    /// </summary>
    public bool CreateSchema { get; set; } = true;
}

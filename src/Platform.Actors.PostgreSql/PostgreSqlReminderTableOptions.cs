namespace Platform.Actors.PostgreSql;

/// <summary>Settings of the <see cref="PostgreSqlReminderTable"/>.</summary>
public sealed class PostgreSqlReminderTableOptions
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

    /// <summary>The table name; default <c>reminders</c>. Plain lower-case identifier, at most 40 characters.</summary>
    public string TableName { get; set; } = "reminders";

    /// <summary>
    /// True (the default) to create the schema, table, index and version sequence in <see cref="PostgreSqlReminderTable.InitializeAsync"/>
    /// (and on first use) when missing. Set false when a migration creates them instead.
    /// </summary>
    public bool CreateSchema { get; set; } = true;
}

namespace Platform.Actors.PostgreSql.Internal;

/// <summary>
/// The statements of <see cref="PostgreSqlGrainStorage"/> for one table. Every change is a single conditional statement, so the version check
/// and the change are atomic without an explicit transaction. A clear leaves a tombstone (payload NULL, version + 1) so versions never repeat.
/// </summary>
internal sealed class GrainStateSql
{
    public GrainStateSql(string schema, string table)
    {
        var quotedSchema = PostgreSqlIdentifier.Quote(schema, "Schema");
        QualifiedTable = $"{quotedSchema}.{PostgreSqlIdentifier.Quote(table, "TableName")}";
        CreateSchema = $"""
            CREATE SCHEMA IF NOT EXISTS {quotedSchema};
            CREATE TABLE IF NOT EXISTS {QualifiedTable} (
                grain_type  text        NOT NULL,
                grain_key   text        NOT NULL,
                state_name  text        NOT NULL,
                grain_hash  bigint      NOT NULL,
                version     bigint      NOT NULL,
                payload     jsonb       NULL,
                modified_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (grain_type, grain_key, state_name)
            );
            """;
        Read = $"SELECT version, payload FROM {QualifiedTable} WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";
        ReadVersion = $"SELECT version FROM {QualifiedTable} WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";
        Insert = $"""
            INSERT INTO {QualifiedTable} (grain_type, grain_key, state_name, grain_hash, version, payload, modified_at)
            VALUES ($1, $2, $3, $4, 1, $5, now())
            ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
            RETURNING version
            """;
        Update = $"""
            UPDATE {QualifiedTable} SET version = version + 1, payload = $5, modified_at = now()
            WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4
            RETURNING version
            """;
        Clear = $"""
            UPDATE {QualifiedTable} SET version = version + 1, payload = NULL, modified_at = now()
            WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4
            RETURNING version
            """;
    }

    public string QualifiedTable { get; }

    public string CreateSchema { get; }

    /// <summary>$1 type, $2 key, $3 state name → version, payload.</summary>
    public string Read { get; }

    /// <summary>$1 type, $2 key, $3 state name → version; used only to explain a conflict.</summary>
    public string ReadVersion { get; }

    /// <summary>$1–$3 key, $4 grain hash, $5 payload → version 1, or no row when a record (or tombstone) exists.</summary>
    public string Insert { get; }

    /// <summary>$1–$3 key, $4 expected version, $5 payload → new version, or no row on a version mismatch.</summary>
    public string Update { get; }

    /// <summary>$1–$3 key, $4 expected version → the tombstone's version, or no row on a version mismatch.</summary>
    public string Clear { get; }
}

namespace Platform.Actors.PostgreSql.Internal;

/// <summary>
/// The statements of <see cref="PostgreSqlReminderTable"/> for one table. Versions come from one sequence, not a per-row counter, so a reminder
/// removed and added again never gets an ETag it had before, and a remove with a stale ETag cannot hit the new row.
/// </summary>
internal sealed class ReminderSql
{
    public ReminderSql(string schema, string table)
    {
        var quotedSchema = PostgreSqlIdentifier.Quote(schema, "Schema");
        PostgreSqlIdentifier.Quote(table, "TableName");
        QualifiedTable = $"{quotedSchema}.\"{table}\"";
        var sequence = $"{quotedSchema}.\"{table}_version_seq\"";
        CreateSchema = $"""
            CREATE SCHEMA IF NOT EXISTS {quotedSchema};
            CREATE SEQUENCE IF NOT EXISTS {sequence};
            CREATE TABLE IF NOT EXISTS {QualifiedTable} (
                grain_type    text        NOT NULL,
                grain_key     text        NOT NULL,
                reminder_name text        NOT NULL,
                grain_hash    bigint      NOT NULL,
                start_at      timestamptz NOT NULL,
                period_ms     bigint      NOT NULL,
                version       bigint      NOT NULL,
                PRIMARY KEY (grain_type, grain_key, reminder_name)
            );
            CREATE INDEX IF NOT EXISTS "{table}_grain_hash_idx" ON {QualifiedTable} (grain_hash);
            """;
        const string Columns = "grain_type, grain_key, reminder_name, start_at, period_ms, version";
        ReadGrain = $"SELECT {Columns} FROM {QualifiedTable} WHERE grain_type = $1 AND grain_key = $2";
        ReadRow = $"SELECT {Columns} FROM {QualifiedTable} WHERE grain_type = $1 AND grain_key = $2 AND reminder_name = $3";
        ReadInsideRange = $"SELECT {Columns} FROM {QualifiedTable} WHERE grain_hash > $1 AND grain_hash <= $2";
        ReadWrappedRange = $"SELECT {Columns} FROM {QualifiedTable} WHERE grain_hash > $1 OR grain_hash <= $2";
        Upsert = $"""
            INSERT INTO {QualifiedTable} (grain_type, grain_key, reminder_name, grain_hash, start_at, period_ms, version)
            VALUES ($1, $2, $3, $4, $5, $6, nextval('{sequence}'))
            ON CONFLICT (grain_type, grain_key, reminder_name) DO UPDATE
            SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, period_ms = excluded.period_ms, version = excluded.version
            RETURNING version
            """;
        Delete = $"DELETE FROM {QualifiedTable} WHERE grain_type = $1 AND grain_key = $2 AND reminder_name = $3 AND version = $4";
    }

    public string QualifiedTable { get; }

    public string CreateSchema { get; }

    /// <summary>$1 type, $2 key.</summary>
    public string ReadGrain { get; }

    /// <summary>$1 type, $2 key, $3 reminder name.</summary>
    public string ReadRow { get; }

    /// <summary>$1 begin, $2 end with begin &lt; end: the range (begin, end].</summary>
    public string ReadInsideRange { get; }

    /// <summary>$1 begin, $2 end with begin ≥ end: the range wraps past the top of the ring.</summary>
    public string ReadWrappedRange { get; }

    /// <summary>$1–$3 key, $4 grain hash, $5 start, $6 period in ms → new version.</summary>
    public string Upsert { get; }

    /// <summary>$1–$3 key, $4 expected version → rows affected.</summary>
    public string Delete { get; }
}

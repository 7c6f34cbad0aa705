namespace Platform.Actors.PostgreSql.Internal;

/// <summary>
/// The statements of <see cref="PostgreSqlMembershipTable"/>. One version row per cluster; every change updates it first, which
/// takes its row lock, so concurrent changes queue and all but the first find a different version and change nothing.
/// </summary>
internal sealed class MembershipSql
{
    private const string Key = "cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4";

    public MembershipSql(string schema, string table)
    {
        var quotedSchema = PostgreSqlIdentifier.Quote(schema, "Schema");
        PostgreSqlIdentifier.Quote(table, "TableName");
        QualifiedTable = $"{quotedSchema}.\"{table}\"";
        var versionTable = $"{quotedSchema}.\"{table}_version\"";
        CreateSchema = $"""
            CREATE SCHEMA IF NOT EXISTS {quotedSchema};
            CREATE TABLE IF NOT EXISTS {versionTable} (
                cluster_id  text        PRIMARY KEY,
                version     bigint      NOT NULL,
                modified_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE IF NOT EXISTS {QualifiedTable} (
                cluster_id      text        NOT NULL REFERENCES {versionTable} (cluster_id),
                address         text        NOT NULL,
                port            integer     NOT NULL,
                generation      integer     NOT NULL,
                silo_name       text        NOT NULL,
                host_name       text        NOT NULL,
                status          smallint    NOT NULL,
                proxy_port      integer     NOT NULL,
                start_time      timestamptz NOT NULL,
                i_am_alive_time timestamptz NOT NULL,
                suspect_times   jsonb       NOT NULL,
                version         bigint      NOT NULL,
                PRIMARY KEY (cluster_id, address, port, generation)
            );
            """;
        CreateVersionRow = $"INSERT INTO {versionTable} (cluster_id, version) VALUES (@cluster_id, 0) ON CONFLICT (cluster_id) DO NOTHING;";
        const string Columns = "v.version, m.address, m.port, m.generation, m.silo_name, m.host_name, m.status, m.proxy_port, m.start_time, m.i_am_alive_time, m.suspect_times::text, m.version";
        ReadAll = $"SELECT {Columns} FROM {versionTable} v LEFT JOIN {QualifiedTable} m ON m.cluster_id = v.cluster_id WHERE v.cluster_id = $1";
        ReadRow = $"""
            SELECT {Columns} FROM {versionTable} v
            LEFT JOIN {QualifiedTable} m ON m.cluster_id = v.cluster_id AND m.address = $2 AND m.port = $3 AND m.generation = $4
            WHERE v.cluster_id = $1
            """;
        BumpVersion = $"UPDATE {versionTable} SET version = $2, modified_at = now() WHERE cluster_id = $1 AND version = $3";
        Insert = $"""
            INSERT INTO {QualifiedTable}
                (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time, suspect_times, version)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1)
            ON CONFLICT (cluster_id, address, port, generation) DO NOTHING
            """;
        Update = $"""
            UPDATE {QualifiedTable}
            SET silo_name = $5, host_name = $6, status = $7, proxy_port = $8, start_time = $9, i_am_alive_time = $10, suspect_times = $11,
                version = version + 1
            WHERE {Key} AND version = $12
            """;
        UpdateIAmAlive = $"UPDATE {QualifiedTable} SET i_am_alive_time = $5 WHERE {Key}";
        DeleteDefunct = $"DELETE FROM {QualifiedTable} WHERE cluster_id = $1 AND status = $2 AND i_am_alive_time < $3";
        DeleteAll = $"DELETE FROM {QualifiedTable} WHERE cluster_id = $1";
    }

    public string QualifiedTable { get; }

    public string CreateSchema { get; }

    /// <summary>@cluster_id → creates the cluster's version row (version 0) when missing.</summary>
    public string CreateVersionRow { get; }

    /// <summary>$1 cluster → table version, then the row columns (NULL when the cluster has no rows).</summary>
    public string ReadAll { get; }

    /// <summary>$1–$4 silo key → as <see cref="ReadAll"/>, for one silo.</summary>
    public string ReadRow { get; }

    /// <summary>$1 cluster, $2 new version, $3 expected version → rows affected.</summary>
    public string BumpVersion { get; }

    /// <summary>$1–$4 silo key, $5–$11 columns → rows affected (0 when the silo has a row).</summary>
    public string Insert { get; }

    /// <summary>$1–$4 silo key, $5–$11 columns, $12 expected row version → rows affected.</summary>
    public string Update { get; }

    /// <summary>$1–$4 silo key, $5 time.</summary>
    public string UpdateIAmAlive { get; }

    /// <summary>$1 cluster, $2 dead status, $3 before.</summary>
    public string DeleteDefunct { get; }

    /// <summary>$1 cluster.</summary>
    public string DeleteAll { get; }
}

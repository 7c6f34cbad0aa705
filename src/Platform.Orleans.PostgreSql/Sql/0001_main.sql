-- Migration 1: the query table.
--
-- Orleans' ADO.NET providers ship no SQL of their own for PostgreSQL: at start-up each provider runs
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and from then on executes only the texts it found there, binding its own named parameters (@DeploymentId, ...).
-- That one statement is the only name the providers' C# code hard-codes, so this table keeps the name and the two
-- columns. PostgreSQL folds the unquoted identifiers to lower case, which is what the provider's unquoted SELECT
-- asks for as well.
--
-- Everything else (the tables below and the query texts that use them) belongs to this project: the later
-- migrations create their tables and insert the query texts of their concern.

CREATE TABLE orleansquery
(
    -- The provider looks its queries up by these exact keys (e.g. 'ReadFromStorageKey'); the longest is 31 characters.
    querykey  varchar(64) NOT NULL,
    -- Executed verbatim by the provider as a parameterised command; text, because some queries are long.
    querytext text        NOT NULL,

    CONSTRAINT orleansquery_pk PRIMARY KEY (querykey)
);

COMMENT ON TABLE orleansquery IS
    'Named queries read by Microsoft Orleans ADO.NET providers. Owned by Platform.Orleans.PostgreSql migrations: change it with a new migration, never by hand.';

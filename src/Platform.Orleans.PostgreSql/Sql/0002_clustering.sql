-- Migration 2: cluster membership, for Microsoft.Orleans.Clustering.AdoNet (silos) and its gateway list (clients).
--
-- The provider's model: per deployment (Orleans' ClusterId, passed as @DeploymentId) one table version, and one row
-- per silo incarnation (address, port, generation). Every change to a silo row must name the table version it was
-- based on (@Version) and moves that version on by one, atomically; a change based on a stale version must do
-- nothing and report false. That optimistic check is what keeps two silos from both winning a membership vote.
--
-- Result columns are read by name (case-insensitively): Address, Port, Generation, SiloName, HostName, Status,
-- ProxyPort, SuspectTimes, StartTime, IAmAliveTime, Version. Times arrive as UTC DateTimes that Npgsql sends as
-- timestamptz, so every time column is timestamptz and no session time zone is ever involved.

CREATE TABLE orleans_membership_version
(
    deployment_id text        NOT NULL,
    -- The table version: the membership ETag. Starts at 0; the provider passes it back as @Version.
    version       integer     NOT NULL DEFAULT 0,
    -- When the version last moved; for people reading the table, not for Orleans.
    changed_at    timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT orleans_membership_version_pk PRIMARY KEY (deployment_id)
);

CREATE TABLE orleans_membership
(
    -- Deleting a deployment's version row deletes its silos with it (DeleteMembershipTableEntriesKey relies on it).
    deployment_id   text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    -- The provider casts both names to string without a null check, so they may never be NULL.
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    -- Orleans' SiloStatus as a number: 3 = Active, 6 = Dead.
    status          integer     NOT NULL,
    -- 0 when the silo has no gateway.
    proxy_port      integer     NOT NULL,
    -- 'silo,time|silo,time|...' in Orleans' own format; NULL or empty for none.
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,

    CONSTRAINT orleans_membership_pk PRIMARY KEY (deployment_id, address, port, generation)
);

-- Creates the deployment's version row once; the first silo of a new cluster calls it. Returns whether it inserted.
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipVersionKey', $query$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING deployment_id
)
SELECT EXISTS (SELECT 1 FROM created);
$query$);

-- Adds a silo row when the table is still at @Version, moving the version on. One statement, so it is atomic:
-- the version row is locked first (a writer that changed it meanwhile makes the lock re-check fail), the silo row is
-- inserted only through that locked row, and the version moves only if the insert happened (a silo that already has
-- a row gets false and changes nothing).
INSERT INTO orleansquery (querykey, querytext) VALUES ('InsertMembershipKey', $query$
WITH expected AS (
    SELECT deployment_id
    FROM orleans_membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE
), added AS (
    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM expected
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING
    RETURNING deployment_id
), moved AS (
    UPDATE orleans_membership_version AS v
    SET version = v.version + 1, changed_at = now()
    FROM added
    WHERE v.deployment_id = added.deployment_id
    RETURNING v.deployment_id
)
SELECT EXISTS (SELECT 1 FROM moved);
$query$);

-- Changes a silo's status, suspicions and liveness when the table is still at @Version; same shape as the insert.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateMembershipKey', $query$
WITH expected AS (
    SELECT deployment_id
    FROM orleans_membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE
), changed AS (
    UPDATE orleans_membership AS m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM expected
    WHERE m.deployment_id = expected.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING m.deployment_id
), moved AS (
    UPDATE orleans_membership_version AS v
    SET version = v.version + 1, changed_at = now()
    FROM changed
    WHERE v.deployment_id = changed.deployment_id
    RETURNING v.deployment_id
)
SELECT EXISTS (SELECT 1 FROM moved);
$query$);

-- The heartbeat. Orleans does not version it (it is not a membership decision) and reads no result.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpdateIAmAlivetimeKey', $query$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$query$);

-- One silo's row. The provider takes the table version from the first row, so the version row always comes back:
-- a silo that has no row yet yields one row whose silo columns are NULL (StartTime NULL means "no member").
INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadRowKey', $query$
SELECT m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$query$);

-- Every silo of the deployment, each row carrying the table version; one all-NULL row when there is none yet.
INSERT INTO orleansquery (querykey, querytext) VALUES ('MembershipReadAllKey', $query$
SELECT m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$query$);

-- Forgets a deployment: its version row, and through the cascade its silos.
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteMembershipTableEntriesKey', $query$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$query$);

-- What clients connect to: silos in @Status (Orleans passes Active) that have a gateway.
INSERT INTO orleansquery (querykey, querytext) VALUES ('GatewaysQueryKey', $query$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$query$);

-- Bulk clean-up of old incarnations: rows that are not Active and have not said they are alive since @IAmAliveTime.
-- Required by the provider, but it only runs it when CleanupDefunctSiloEntryKey (below) is missing.
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntriesKey', $query$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
$query$);

-- Per-row clean-up, which the provider prefers when the key exists: it reads the table, picks Dead silos that are old
-- enough, and asks to delete each one only if the row is still exactly what it read (status, times and suspicions
-- unchanged), so a row that changed in between is left alone. Orleans turns a NULL or blank suspicion list into "none"
-- when reading, and may pass NULL back for a stored '' , so blanks and NULL compare equal here.
INSERT INTO orleansquery (querykey, querytext) VALUES ('CleanupDefunctSiloEntryKey', $query$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND coalesce(btrim(suspect_times), '') = coalesce(btrim(@SuspectTimes), '');
$query$);

-- Migration 4: reminders, for Microsoft.Orleans.Reminders.AdoNet.
--
-- A reminder is named per grain and per service (@ServiceId), and carries its own integer ETag (Version) that a
-- delete must match. Each silo owns a range of the consistent-hash ring and loads the reminders of the grains whose
-- hash (@GrainHash, the grain id's uniform hash as a signed int) falls in it: (@BeginHash, @EndHash], in signed
-- order; the provider picks ReadRangeRows1Key when that range does not wrap past the largest int, and
-- ReadRangeRows2Key when it does (including begin = end, the whole ring).
--
-- Result columns, read by name: GrainId (Orleans' string form, parsed back), ReminderName, StartTime, Period (ms),
-- Version.

CREATE TABLE orleans_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    -- Lets a silo fetch only its part of the ring.
    grain_hash    integer     NOT NULL,
    -- UTC; the provider turns an unspecified kind into UTC before writing.
    start_time    timestamptz NOT NULL,
    -- Milliseconds. The provider sends an int when the period fits one and a bigint otherwise.
    period        bigint      NOT NULL,
    -- The ETag: 0 when created, +1 on every upsert.
    version       integer     NOT NULL,

    CONSTRAINT orleans_reminder_pk PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

-- A grain's reminders.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadReminderRowsKey', $query$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;
$query$);

-- One reminder, or no row.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadReminderRowKey', $query$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$query$);

-- A ring range that does not wrap: begin < hash <= end.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadRangeRows1Key', $query$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$query$);

-- A ring range that wraps: everything above begin, and everything up to end.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadRangeRows2Key', $query$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
FROM orleans_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$query$);

-- Creates or replaces a reminder (registering an existing name again changes its schedule); returns the new Version.
INSERT INTO orleansquery (querykey, querytext) VALUES ('UpsertReminderRowKey', $query$
INSERT INTO orleans_reminder AS r (service_id, grain_id, reminder_name, grain_hash, start_time, period, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 0)
ON CONFLICT ON CONSTRAINT orleans_reminder_pk DO UPDATE
SET grain_hash = excluded.grain_hash,
    start_time = excluded.start_time,
    period     = excluded.period,
    version    = r.version + 1
RETURNING r.version AS Version;
$query$);

-- Removes a reminder if it still has the ETag @Version; returns whether it did.
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteReminderRowKey', $query$
WITH removed AS (
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed);
$query$);

-- Every reminder of the service (Orleans uses it in tests).
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteReminderRowsKey', $query$
DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
$query$);

-- Migration 3: grain state, for Microsoft.Orleans.Persistence.AdoNet.
--
-- The provider addresses a grain's state by
--   @ServiceId               the Orleans ServiceId (state outlives clusters, so not the ClusterId),
--   @GrainTypeString         the grain class name (without generic arguments),
--   @GrainIdN0, @GrainIdN1   the key as two bigints (a Guid's two halves; 0 and the number for an integer key;
--                            0 and 0 for a string key),
--   @GrainIdExtensionString  the string key, or a compound key's extension, or NULL,
-- plus two int hashes of that identity (@GrainIdHash, @GrainTypeHash) that it computes itself.
--
-- The optimistic concurrency contract: the state's ETag is an integer version (@GrainStateVersion, NULL when the
-- grain has never been written or its row was deleted). A write or clear must succeed only when the stored version
-- equals it, and then return the new version; otherwise it must return no row or NULL, which the provider turns into
-- an InconsistentStateException. Returning the old version would also be read as a conflict.

CREATE TABLE orleans_grain_state
(
    grain_id_hash      integer     NOT NULL,
    grain_type_hash    integer     NOT NULL,
    service_id         text        NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_id_extension text,
    -- The serialized state (the provider's serializer decides the format); NULL once cleared.
    payload            bytea,
    -- The ETag. 1 on first write, +1 on every write or clear.
    version            integer     NOT NULL,
    modified_at        timestamptz NOT NULL DEFAULT now(),

    -- One row per grain state, even under racing first writes: two activations that both believe the state is new
    -- cannot both insert, because the loser hits this key and gets its conflict. The hashes lead so the b-tree
    -- descends on two integers; the full identity follows because hashes collide. NULLS NOT DISTINCT (PostgreSQL 15+)
    -- makes a NULL extension a value like any other.
    CONSTRAINT orleans_grain_state_key UNIQUE NULLS NOT DISTINCT
        (grain_id_hash, grain_type_hash, service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);

-- The stored state and its version; no row when the grain has none.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ReadFromStorageKey', $query$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString;
$query$);

-- Writes the state. With a version: updates the row only if it still has that version. Without one: inserts the
-- row, and a row that already exists (someone else wrote first) is a conflict. Returns NewGrainStateVersion, or no
-- row on conflict.
INSERT INTO orleansquery (querykey, querytext) VALUES ('WriteToStorageKey', $query$
WITH updated AS (
    UPDATE orleans_grain_state AS s
    SET payload = @PayloadBinary, version = s.version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND s.grain_id_hash = @GrainIdHash AND s.grain_type_hash = @GrainTypeHash
      AND s.service_id = @ServiceId AND s.grain_type = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.version = @GrainStateVersion
    RETURNING s.version
), inserted AS (
    INSERT INTO orleans_grain_state
        (grain_id_hash, grain_type_hash, service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_key DO NOTHING
    RETURNING version
)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted;
$query$);

-- Clears the state but keeps the row (payload NULL, version moved on), so a stale writer still loses against it.
-- Same version rules as the write; the provider reads the new version from the first column.
INSERT INTO orleansquery (querykey, querytext) VALUES ('ClearStorageKey', $query$
WITH cleared AS (
    UPDATE orleans_grain_state AS s
    SET payload = NULL, version = s.version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND s.grain_id_hash = @GrainIdHash AND s.grain_type_hash = @GrainTypeHash
      AND s.service_id = @ServiceId AND s.grain_type = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.version = @GrainStateVersion
    RETURNING s.version
), inserted AS (
    INSERT INTO orleans_grain_state
        (grain_id_hash, grain_type_hash, service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
    SELECT @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           NULL, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_key DO NOTHING
    RETURNING version
)
SELECT version AS NewGrainStateVersion FROM cleared
UNION ALL
SELECT version FROM inserted;
$query$);

-- Optional: used instead of ClearStorageKey when the provider is configured with DeleteStateOnClear. Deletes the row
-- if it still has @GrainStateVersion. The provider only checks that the value returned differs from the ETag it sent
-- (it forgets the ETag afterwards), so the deleted version + 1 is returned; no row on conflict. Deleting the state of
-- a grain that has none (no version, no row) succeeds.
INSERT INTO orleansquery (querykey, querytext) VALUES ('DeleteStorageKey', $query$
WITH deleted AS (
    DELETE FROM orleans_grain_state AS s
    WHERE @GrainStateVersion IS NOT NULL
      AND s.grain_id_hash = @GrainIdHash AND s.grain_type_hash = @GrainTypeHash
      AND s.service_id = @ServiceId AND s.grain_type = @GrainTypeString
      AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
      AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
      AND s.version = @GrainStateVersion
    RETURNING s.version
)
SELECT version + 1 AS NewGrainStateVersion FROM deleted
UNION ALL
SELECT 1
WHERE @GrainStateVersion IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM orleans_grain_state AS s
      WHERE s.grain_id_hash = @GrainIdHash AND s.grain_type_hash = @GrainTypeHash
        AND s.service_id = @ServiceId AND s.grain_type = @GrainTypeString
        AND s.grain_id_n0 = @GrainIdN0 AND s.grain_id_n1 = @GrainIdN1
        AND s.grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString);
$query$);

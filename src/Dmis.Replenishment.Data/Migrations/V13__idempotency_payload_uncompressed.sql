-- =============================================================================
-- V13: the answers kept for retries (idempotency_record.response_payload) are stored
-- out of line without compression.
--
-- Why: every mutation with a request_id writes its whole answer, and a generate's is
-- ~300 KB (a needs list of ~460 lines). PostgreSQL compresses such a value with pglz
-- before moving it to TOAST, which cost ~5 ms of every generate on the reference data
-- set (docs/PERFORMANCE.md); the value is read back only when a client retries, and the
-- records are pruned after Idempotency:RetentionDays, so the extra bytes are short-lived.
-- Existing rows keep their compressed form (SET STORAGE changes only new values).
-- =============================================================================

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.idempotency_record ALTER COLUMN response_payload SET STORAGE EXTERNAL;

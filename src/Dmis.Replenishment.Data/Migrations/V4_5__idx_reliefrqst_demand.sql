-- evolve-tx-off
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reliefrqst_demand ON public.reliefrqst (reliefrqst_id) INCLUDE (status_code, eligible_event_id);

-- evolve-tx-off
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reliefpkg_fulfilled_dispatch ON public.reliefpkg (dispatch_dtime) INCLUDE (reliefpkg_id, reliefrqst_id, eligible_event_id) WHERE status_code IN ('D', 'R');

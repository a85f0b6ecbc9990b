-- evolve-tx-off
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_needs_list_event_warehouse ON public.needs_list (event_id, warehouse_id, status_code);

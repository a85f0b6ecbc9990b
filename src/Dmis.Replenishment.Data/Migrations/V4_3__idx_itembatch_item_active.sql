-- evolve-tx-off
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_itembatch_item_active ON public.itembatch (item_id) INCLUDE (avg_unit_value) WHERE status_code = 'A';

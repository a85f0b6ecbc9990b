-- evolve-tx-off
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_transfer_needs_list ON public.transfer (needs_list_id) WHERE needs_list_id IS NOT NULL;

-- evolve-tx-off
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_transfer_inbound ON public.transfer (to_inventory_id) WHERE status_code = 'D' AND received_at IS NULL;

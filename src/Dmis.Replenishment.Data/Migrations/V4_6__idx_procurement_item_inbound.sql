-- evolve-tx-off
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_pi_inbound ON public.procurement_item (procurement_id) INCLUDE (item_id, ordered_qty, received_qty, status_code);

-- evolve-tx-off
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reliefpkg_item_warehouse_item ON public.reliefpkg_item (fr_inventory_id, item_id) INCLUDE (reliefpkg_id, item_qty);

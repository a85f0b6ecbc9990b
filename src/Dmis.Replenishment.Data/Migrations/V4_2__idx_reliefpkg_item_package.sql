-- evolve-tx-off
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reliefpkg_item_package ON public.reliefpkg_item (reliefpkg_id, fr_inventory_id) INCLUDE (item_id, item_qty);

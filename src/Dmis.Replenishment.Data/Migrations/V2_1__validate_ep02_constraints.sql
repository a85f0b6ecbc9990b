-- =============================================================================
-- V2_1: validate the EP-02 constraints that V2 added NOT VALID on legacy tables.
-- =============================================================================
-- Its own migration (own transaction): VALIDATE CONSTRAINT scans the table under a
-- SHARE UPDATE EXCLUSIVE lock (foreign key: plus ROW SHARE on needs_list), which does
-- not block inserts, updates or deletes. Validating an already valid constraint is a
-- no-op, so this file is safe to run again.
-- =============================================================================

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.event VALIDATE CONSTRAINT c_event_phase;

ALTER TABLE public.warehouse VALIDATE CONSTRAINT c_warehouse_min_stock_threshold;
ALTER TABLE public.warehouse VALIDATE CONSTRAINT c_warehouse_sync_status;

ALTER TABLE public.item VALIDATE CONSTRAINT c_item_baseline_burn_rate;
ALTER TABLE public.item VALIDATE CONSTRAINT c_item_min_stock_threshold;
ALTER TABLE public.item VALIDATE CONSTRAINT c_item_criticality_level;

ALTER TABLE public.transfer VALIDATE CONSTRAINT fk_transfer_needs_list;

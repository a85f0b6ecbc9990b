-- =============================================================================
-- Roll back EP-02: removes everything V2 and later migrations created, then forgets
-- those migrations in Evolve's history, so `migrate` applies them again.
--
-- LATER MIGRATIONS THAT ADD OBJECTS MUST EXTEND THIS FILE (section "Later migrations"):
-- every table, view, function, trigger, index or column a V2.x / V3+ script adds has
-- to be dropped here, and must not block the guide's Option 2 below (no view on the
-- EP-02 columns or tables, no extra trigger on event.current_phase, ...).
--
-- Runs in one transaction (the service's rollback-ep02 command wraps it in one).
-- Roles dmis_app_user / dmis_readonly_user and their default privileges are kept.
-- Legacy data is kept; EP-02 data (needs lists, procurement, history, ...) is lost.
-- =============================================================================

-- -----------------------------------------------------------------------------
-- Later migrations (V3+): their objects first, as they may depend on EP-02 ones.
-- -----------------------------------------------------------------------------
-- V18__needs_list_evidence.sql: its table (it hangs off needs_list).
DROP TABLE IF EXISTS public.needs_list_evidence;

-- V16__change_audit.sql: the table (its triggers and indexes go with it) before V11's function it calls.
DROP TABLE IF EXISTS public.change_audit;

-- V15__needs_list_line_receipts.sql: the view (it reads EP-02 tables and transfer's EP-02 columns).
DROP VIEW IF EXISTS public.v_needs_list_line_receipt;

-- V14__adjusted_split_and_stream.sql: its views' new column goes with the views (V9, V10 below),
-- its columns and check with needs_list_item_calculation (V4 below), and the stream function it
-- widened with V12's.

-- V12__streams_in_commit_order.sql: the triggers (they would go with their tables), then the functions.
DROP TRIGGER IF EXISTS trg_needs_list_audit_commit_order ON public.needs_list_audit;
DROP TRIGGER IF EXISTS trg_needs_list_audit_notify ON public.needs_list_audit;
DROP TRIGGER IF EXISTS trg_event_phase_history_commit_order ON public.event_phase_history;
DROP FUNCTION IF EXISTS public.stream_row_in_commit_order();
DROP FUNCTION IF EXISTS public.needs_list_audit_notify();
DROP FUNCTION IF EXISTS public.needs_list_audit_is_stream_event(VARCHAR, VARCHAR);

-- V11__append_only_audit.sql: the triggers that keep the audit tables append-only, then their function.
DROP TRIGGER IF EXISTS trg_needs_list_audit_no_truncate ON public.needs_list_audit;
DROP TRIGGER IF EXISTS trg_event_phase_history_append_only ON public.event_phase_history;
DROP TRIGGER IF EXISTS trg_event_phase_history_no_truncate ON public.event_phase_history;
DROP TRIGGER IF EXISTS trg_burn_rate_snapshot_append_only ON public.burn_rate_snapshot;
DROP TRIGGER IF EXISTS trg_burn_rate_snapshot_no_truncate ON public.burn_rate_snapshot;
DROP TRIGGER IF EXISTS trg_warehouse_sync_log_append_only ON public.warehouse_sync_log;
DROP TRIGGER IF EXISTS trg_warehouse_sync_log_no_truncate ON public.warehouse_sync_log;
DROP FUNCTION IF EXISTS public.refuse_audit_change();

-- V10__horizon_b_split_per_pledge.sql: the view (its columns go with V4's table below);
-- V10_1's index on a legacy table.
DROP VIEW IF EXISTS public.v_needs_list_item_pledge;
DROP INDEX IF EXISTS public.idx_reliefpkg_item_warehouse_item;

-- V9__horizon_a_split_per_line.sql: the view (its columns go with V4's table below).
DROP VIEW IF EXISTS public.v_needs_list_item_source;

-- V8__inbound_summary.sql: the triggers, the functions, then the summary tables.
DROP TRIGGER IF EXISTS trg_inbound_summary_donation_update ON public.donation;
DROP TRIGGER IF EXISTS trg_inbound_summary_donation_truncate ON public.donation;
DROP TRIGGER IF EXISTS trg_inbound_summary_donation_item_insert ON public.donation_item;
DROP TRIGGER IF EXISTS trg_inbound_summary_donation_item_update ON public.donation_item;
DROP TRIGGER IF EXISTS trg_inbound_summary_donation_item_delete ON public.donation_item;
DROP TRIGGER IF EXISTS trg_inbound_summary_donation_item_truncate ON public.donation_item;
DROP TRIGGER IF EXISTS trg_inbound_summary_intake_insert ON public.dnintake;
DROP TRIGGER IF EXISTS trg_inbound_summary_intake_update ON public.dnintake;
DROP TRIGGER IF EXISTS trg_inbound_summary_intake_delete ON public.dnintake;
DROP TRIGGER IF EXISTS trg_inbound_summary_intake_truncate ON public.dnintake;
DROP TRIGGER IF EXISTS trg_inbound_summary_procurement_update ON public.procurement;
DROP TRIGGER IF EXISTS trg_inbound_summary_procurement_delete ON public.procurement;
DROP TRIGGER IF EXISTS trg_inbound_summary_procurement_truncate ON public.procurement;
DROP TRIGGER IF EXISTS trg_inbound_summary_procurement_line_insert ON public.procurement_item;
DROP TRIGGER IF EXISTS trg_inbound_summary_procurement_line_update ON public.procurement_item;
DROP TRIGGER IF EXISTS trg_inbound_summary_procurement_line_delete ON public.procurement_item;
DROP TRIGGER IF EXISTS trg_inbound_summary_procurement_line_truncate ON public.procurement_item;
DROP FUNCTION IF EXISTS public.inbound_summary_rows_changed();
DROP FUNCTION IF EXISTS public.inbound_summary_truncated();
DROP FUNCTION IF EXISTS public.inbound_summary_refresh(VARCHAR, INTEGER[]);
DROP FUNCTION IF EXISTS public.inbound_summary_current(VARCHAR, INTEGER[]);
DROP FUNCTION IF EXISTS public.inbound_summary_rebuild();
DROP FUNCTION IF EXISTS public.inbound_summary_compact();
DROP TABLE IF EXISTS public.inbound_summary_recorded;
DROP TABLE IF EXISTS public.inbound_summary_delta;
DROP TABLE IF EXISTS public.inbound_summary;

-- V7__fulfilment_hourly.sql: its triggers sit on legacy tables, which stay; then the
-- functions they call, then the summary tables.
DROP TRIGGER IF EXISTS trg_fulfilment_hourly_line_insert ON public.reliefpkg_item;
DROP TRIGGER IF EXISTS trg_fulfilment_hourly_line_update ON public.reliefpkg_item;
DROP TRIGGER IF EXISTS trg_fulfilment_hourly_line_delete ON public.reliefpkg_item;
DROP TRIGGER IF EXISTS trg_fulfilment_hourly_line_truncate ON public.reliefpkg_item;
DROP TRIGGER IF EXISTS trg_fulfilment_hourly_package_update ON public.reliefpkg;
DROP TRIGGER IF EXISTS trg_fulfilment_hourly_package_truncate ON public.reliefpkg;
DROP TRIGGER IF EXISTS trg_fulfilment_hourly_request_update ON public.reliefrqst;
DROP TRIGGER IF EXISTS trg_fulfilment_hourly_request_truncate ON public.reliefrqst;
DROP FUNCTION IF EXISTS public.fulfilment_hourly_line_changed();
DROP FUNCTION IF EXISTS public.fulfilment_hourly_package_changed();
DROP FUNCTION IF EXISTS public.fulfilment_hourly_request_changed();
DROP FUNCTION IF EXISTS public.fulfilment_hourly_truncated();
DROP FUNCTION IF EXISTS public.fulfilment_hourly_record_line(INTEGER, public.reliefpkg_item);
DROP FUNCTION IF EXISTS public.fulfilment_hourly_rebuild();
DROP FUNCTION IF EXISTS public.fulfilment_hourly_compact();
DROP FUNCTION IF EXISTS public.fulfilment_hourly_contribution(INTEGER, INTEGER, INTEGER, NUMERIC, CHAR, TIMESTAMP, INTEGER, SMALLINT, INTEGER);
DROP FUNCTION IF EXISTS public.fulfilment_hour_end(TIMESTAMP);
DROP TABLE IF EXISTS public.fulfilment_hourly_delta;
DROP TABLE IF EXISTS public.fulfilment_hourly;

-- V3__idempotency_records.sql
DROP TABLE IF EXISTS public.idempotency_record CASCADE;

-- V4__needs_list_calculation.sql (tables hanging off needs_list / needs_list_item)
DROP TABLE IF EXISTS public.needs_list_item_calculation CASCADE;
DROP TABLE IF EXISTS public.needs_list_calculation CASCADE;
-- V4_1 .. V4_6: read indexes of the calculation (V4_4's and V4_6's are on EP-02 tables and
-- would go with them; dropped here in case those tables are kept).
DROP INDEX IF EXISTS public.idx_reliefpkg_fulfilled_dispatch;
DROP INDEX IF EXISTS public.idx_reliefpkg_item_package;
DROP INDEX IF EXISTS public.idx_itembatch_item_active;
DROP INDEX IF EXISTS public.idx_needs_list_event_warehouse;
DROP INDEX IF EXISTS public.idx_reliefrqst_demand;
DROP INDEX IF EXISTS public.idx_pi_inbound;

-- V6__procurement_workflow.sql (columns on procurement)
ALTER TABLE IF EXISTS public.procurement DROP COLUMN IF EXISTS status_reason;
ALTER TABLE IF EXISTS public.procurement DROP COLUMN IF EXISTS submitted_at;
ALTER TABLE IF EXISTS public.procurement DROP COLUMN IF EXISTS submitted_by;

-- -----------------------------------------------------------------------------
-- The DBA guide's "Option 2: Selective Rollback (Removes Only EP-02 Changes)", verbatim.
-- -----------------------------------------------------------------------------
-- Drop new tables (cascades to foreign keys)
DROP TABLE IF EXISTS public.needs_list_audit CASCADE;
DROP TABLE IF EXISTS public.needs_list_item CASCADE;
DROP TABLE IF EXISTS public.needs_list CASCADE;
DROP TABLE IF EXISTS public.procurement_item CASCADE;
DROP TABLE IF EXISTS public.procurement CASCADE;
DROP TABLE IF EXISTS public.supplier CASCADE;
DROP TABLE IF EXISTS public.lead_time_config CASCADE;
DROP TABLE IF EXISTS public.event_phase_config CASCADE;
DROP TABLE IF EXISTS public.event_phase_history CASCADE;
DROP TABLE IF EXISTS public.burn_rate_snapshot CASCADE;
DROP TABLE IF EXISTS public.warehouse_sync_log CASCADE;

-- Drop views
DROP VIEW IF EXISTS public.v_inbound_stock;
DROP VIEW IF EXISTS public.v_stock_status;

-- Drop triggers
DROP TRIGGER IF EXISTS trg_warehouse_sync_status ON public.warehouse;
DROP TRIGGER IF EXISTS trg_event_phase_change ON public.event;

-- Drop functions
DROP FUNCTION IF EXISTS public.update_warehouse_sync_status();
DROP FUNCTION IF EXISTS public.log_event_phase_change();

-- Remove new columns from existing tables
ALTER TABLE public.event
DROP COLUMN IF EXISTS current_phase,
DROP COLUMN IF EXISTS phase_changed_at,
DROP COLUMN IF EXISTS phase_changed_by;

ALTER TABLE public.warehouse
DROP COLUMN IF EXISTS min_stock_threshold,
DROP COLUMN IF EXISTS last_sync_dtime,
DROP COLUMN IF EXISTS sync_status;

ALTER TABLE public.item
DROP COLUMN IF EXISTS baseline_burn_rate,
DROP COLUMN IF EXISTS min_stock_threshold,
DROP COLUMN IF EXISTS criticality_level;

ALTER TABLE public.transfer
DROP COLUMN IF EXISTS dispatched_at,
DROP COLUMN IF EXISTS dispatched_by,
DROP COLUMN IF EXISTS expected_arrival,
DROP COLUMN IF EXISTS received_at,
DROP COLUMN IF EXISTS received_by,
DROP COLUMN IF EXISTS needs_list_id;

-- -----------------------------------------------------------------------------
-- What V2.x created beyond the guide's list.
-- -----------------------------------------------------------------------------
-- V2: append-only guard of needs_list_audit (its trigger went with the table).
DROP FUNCTION IF EXISTS public.needs_list_audit_append_only();
-- V2_2 / V2_3: indexes on transfer; dropped with needs_list_id / received_at above,
-- dropped here explicitly in case those columns were kept.
DROP INDEX IF EXISTS public.idx_transfer_needs_list;
DROP INDEX IF EXISTS public.idx_transfer_inbound;
-- V2: the NOT VALID checks c_event_phase, c_warehouse_*, c_item_* and the foreign key
-- fk_transfer_needs_list went with their columns / with needs_list.

-- -----------------------------------------------------------------------------
-- Evolve history (public.changelog: id, type, version, description, name, checksum,
-- installed_by, installed_on, success): forget every migration with version >= 2.
-- -----------------------------------------------------------------------------
DO $$
BEGIN
    IF to_regclass('public.changelog') IS NOT NULL THEN
        DELETE FROM public.changelog
         WHERE version IS NOT NULL
           AND CASE WHEN version ~ '^[0-9]+(\.[0-9]+)*$'
                    THEN string_to_array(version, '.')::int[] >= ARRAY[2]
                    ELSE false
               END;
    END IF;
END
$$;

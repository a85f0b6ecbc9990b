-- =============================================================================
-- V18: what a generated needs list's explanation needs and cannot re-read later.
--
-- ExplainNeedsListLine explains a stored line from what was true at generation. The
-- burn-rate snapshot, the demand window, the splits and the parameters are stored
-- already (V4, V9, V10); the fulfilment lines of the window are legacy history and are
-- re-read. What changes afterwards and is kept here, once per list:
--   * the default lead times used;
--   * the sources left out for their data (warehouse and data age; NULL age = never
--     synced) and the eligible sources with their horizon-A lead time;
--   * per line item and eligible source with usable stock above its reservation: usable,
--     effective minimum threshold, own required quantity and what open lists held there;
--   * per line item and pledge: the pledged quantity and what open lists had drawn.
-- Parallel arrays (the same position is one row), like V9's splits: one row per list
-- instead of thousands, and no foreign-key check per element. Stored out of line without
-- compression (like V13's payloads): a busy warehouse's row is a few hundred KB, and pglz
-- would cost a generate milliseconds for a value read only when someone asks why.
-- A table of its own cascading from needs_list, so the guide's selective rollback still
-- runs; Rollback/rollback_ep02.sql drops it.
-- =============================================================================

SET LOCAL lock_timeout = '5s';

CREATE TABLE IF NOT EXISTS public.needs_list_evidence (
    needs_list_id                 INTEGER NOT NULL,
    horizon_a_lead_time_hours     INTEGER NOT NULL,
    horizon_b_lead_time_hours     INTEGER NOT NULL,
    horizon_c_lead_time_hours     INTEGER NOT NULL,
    excluded_warehouse_ids        INTEGER[] NOT NULL DEFAULT '{}',
    excluded_data_age_hours       NUMERIC(10,2)[] NOT NULL DEFAULT '{}',
    eligible_warehouse_ids        INTEGER[] NOT NULL DEFAULT '{}',
    eligible_lead_time_hours      INTEGER[] NOT NULL DEFAULT '{}',
    source_item_ids               INTEGER[] NOT NULL DEFAULT '{}',
    source_warehouse_ids          INTEGER[] NOT NULL DEFAULT '{}',
    source_usable_qtys            NUMERIC(15,2)[] NOT NULL DEFAULT '{}',
    source_threshold_qtys         NUMERIC(15,2)[] NOT NULL DEFAULT '{}',
    source_own_required_qtys      NUMERIC(15,2)[] NOT NULL DEFAULT '{}',
    source_held_qtys              NUMERIC(15,2)[] NOT NULL DEFAULT '{}',
    pledge_item_ids               INTEGER[] NOT NULL DEFAULT '{}',
    pledge_donation_ids           INTEGER[] NOT NULL DEFAULT '{}',
    pledge_pledged_qtys           NUMERIC(15,2)[] NOT NULL DEFAULT '{}',
    pledge_drawn_qtys             NUMERIC(15,2)[] NOT NULL DEFAULT '{}',
    CONSTRAINT pk_needs_list_evidence PRIMARY KEY (needs_list_id),
    CONSTRAINT fk_needs_list_evidence_needs_list FOREIGN KEY (needs_list_id)
        REFERENCES public.needs_list (needs_list_id) ON DELETE CASCADE,
    CONSTRAINT c_needs_list_evidence_lengths CHECK (
        cardinality(excluded_data_age_hours) = cardinality(excluded_warehouse_ids)
        AND cardinality(eligible_lead_time_hours) = cardinality(eligible_warehouse_ids)
        AND cardinality(source_warehouse_ids) = cardinality(source_item_ids)
        AND cardinality(source_usable_qtys) = cardinality(source_item_ids)
        AND cardinality(source_threshold_qtys) = cardinality(source_item_ids)
        AND cardinality(source_own_required_qtys) = cardinality(source_item_ids)
        AND cardinality(source_held_qtys) = cardinality(source_item_ids)
        AND cardinality(pledge_donation_ids) = cardinality(pledge_item_ids)
        AND cardinality(pledge_pledged_qtys) = cardinality(pledge_item_ids)
        AND cardinality(pledge_drawn_qtys) = cardinality(pledge_item_ids))
);

ALTER TABLE public.needs_list_evidence
    ALTER COLUMN source_item_ids SET STORAGE EXTERNAL,
    ALTER COLUMN source_warehouse_ids SET STORAGE EXTERNAL,
    ALTER COLUMN source_usable_qtys SET STORAGE EXTERNAL,
    ALTER COLUMN source_threshold_qtys SET STORAGE EXTERNAL,
    ALTER COLUMN source_own_required_qtys SET STORAGE EXTERNAL,
    ALTER COLUMN source_held_qtys SET STORAGE EXTERNAL,
    ALTER COLUMN pledge_item_ids SET STORAGE EXTERNAL,
    ALTER COLUMN pledge_donation_ids SET STORAGE EXTERNAL,
    ALTER COLUMN pledge_pledged_qtys SET STORAGE EXTERNAL,
    ALTER COLUMN pledge_drawn_qtys SET STORAGE EXTERNAL;

COMMENT ON TABLE public.needs_list_evidence IS
    'What a generated needs list''s explanation needs that changes afterwards: lead times, excluded and eligible sources, each line item''s source figures and pledges at generation';

-- =============================================================================
-- V2: EP-02 Supply Replenishment (the change set of the DBA's migration guide)
-- =============================================================================
-- Written to run on big, busy legacy tables without long write stalls:
--   * ADD COLUMN only with constant defaults (no table rewrite, catalog-only);
--   * CHECK / FOREIGN KEY constraints on the legacy tables (event, warehouse, item,
--     transfer) are added NOT VALID here (no scan; new rows are checked at once) and
--     validated in V2_1 (VALIDATE CONSTRAINT takes a lock that does not block writes);
--   * indexes on legacy tables are built CONCURRENTLY in their own files (V2_2, V2_3);
--   * everything else creates new, empty objects, so this transaction is short;
--   * lock_timeout: never queue for a lock longer than 5 s (the script fails and can be
--     retried instead of stalling every writer behind it).
-- Re-runnable (IF NOT EXISTS / OR REPLACE / guarded constraint adds), so it applies again
-- after Rollback/rollback_ep02.sql.
--
-- Every object the guide names exists under that name; the guide's "Option 2: Selective
-- Rollback" must keep working: extra behaviour lives inside the guide's trigger functions
-- or on the new tables, never as extra objects on the EP-02 columns of legacy tables.
-- =============================================================================

SET LOCAL lock_timeout = '5s';

-- Take the write-blocking locks on the four legacy tables this script alters, all at
-- once and first, never queueing long for any of them: each attempt waits at most
-- 50 ms per table, then releases what it got, backs off and tries again (up to ~100
-- attempts). Writers are never stalled behind this script for more than a moment, and
-- there is no lock-order deadlock with a writer that touches these tables in another
-- order (seen without this: 40P01 and 2 s write stalls on a busy database). Once held,
-- everything below is catalog-only and takes about 0.1 s.
-- (Needs the script's own transaction, as Evolve and psql -1 run it.)
DO $$
DECLARE
    v_attempt integer := 0;
BEGIN
    LOOP
        v_attempt := v_attempt + 1;
        BEGIN
            PERFORM set_config('lock_timeout', '50ms', true);
            LOCK TABLE public.event, public.warehouse, public.item, public.transfer IN ACCESS EXCLUSIVE MODE;
            EXIT;
        EXCEPTION
            WHEN lock_not_available THEN
                IF v_attempt >= 100 THEN
                    RAISE EXCEPTION 'EP-02: could not lock event, warehouse, item and transfer (% attempts); retry when the database is quieter', v_attempt
                        USING ERRCODE = 'lock_not_available';
                END IF;
                PERFORM pg_sleep(0.05 + random() * 0.25);
        END;
    END LOOP;
END
$$;

SET LOCAL lock_timeout = '5s';

-- =============================================================================
-- PART 1: columns added to legacy tables
-- =============================================================================

ALTER TABLE public.event
    ADD COLUMN IF NOT EXISTS current_phase VARCHAR(15) NOT NULL DEFAULT 'BASELINE',
    ADD COLUMN IF NOT EXISTS phase_changed_at TIMESTAMP(0) WITHOUT TIME ZONE,
    ADD COLUMN IF NOT EXISTS phase_changed_by VARCHAR(20);

ALTER TABLE public.warehouse
    ADD COLUMN IF NOT EXISTS min_stock_threshold NUMERIC(12,2) NOT NULL DEFAULT 0.00,
    ADD COLUMN IF NOT EXISTS last_sync_dtime TIMESTAMP(0) WITHOUT TIME ZONE,
    ADD COLUMN IF NOT EXISTS sync_status VARCHAR(10) DEFAULT 'UNKNOWN';

ALTER TABLE public.item
    ADD COLUMN IF NOT EXISTS baseline_burn_rate NUMERIC(10,4) DEFAULT 0.0000,
    ADD COLUMN IF NOT EXISTS min_stock_threshold NUMERIC(12,2) DEFAULT 0.00,
    ADD COLUMN IF NOT EXISTS criticality_level VARCHAR(10) DEFAULT 'NORMAL';

ALTER TABLE public.transfer
    ADD COLUMN IF NOT EXISTS dispatched_at TIMESTAMP(0) WITHOUT TIME ZONE,
    ADD COLUMN IF NOT EXISTS dispatched_by VARCHAR(20),
    ADD COLUMN IF NOT EXISTS expected_arrival TIMESTAMP(0) WITHOUT TIME ZONE,
    ADD COLUMN IF NOT EXISTS received_at TIMESTAMP(0) WITHOUT TIME ZONE,
    ADD COLUMN IF NOT EXISTS received_by VARCHAR(20),
    ADD COLUMN IF NOT EXISTS needs_list_id INTEGER;

-- Checks on the legacy tables: NOT VALID now (no scan), validated by V2_1.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT v.tbl, v.con, v.def
          FROM (VALUES
            ('public.event',     'c_event_phase',
             'CHECK (current_phase IN (''SURGE'', ''STABILIZED'', ''BASELINE''))'),
            ('public.warehouse', 'c_warehouse_min_stock_threshold',
             'CHECK (min_stock_threshold >= 0.00)'),
            ('public.warehouse', 'c_warehouse_sync_status',
             'CHECK (sync_status IN (''ONLINE'', ''STALE'', ''OFFLINE'', ''UNKNOWN''))'),
            ('public.item',      'c_item_baseline_burn_rate',
             'CHECK (baseline_burn_rate >= 0.0000)'),
            ('public.item',      'c_item_min_stock_threshold',
             'CHECK (min_stock_threshold >= 0.00)'),
            ('public.item',      'c_item_criticality_level',
             'CHECK (criticality_level IN (''CRITICAL'', ''HIGH'', ''NORMAL'', ''LOW''))')
          ) AS v(tbl, con, def)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                        WHERE conrelid = r.tbl::regclass AND conname = r.con) THEN
            EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s NOT VALID', r.tbl, r.con, r.def);
        END IF;
    END LOOP;
END
$$;

COMMENT ON COLUMN public.event.current_phase IS 'Current operational phase: SURGE (first ~72 h), STABILIZED (post-surge), BASELINE (normal)';
COMMENT ON COLUMN public.event.phase_changed_at IS 'When the phase was last changed (UTC)';
COMMENT ON COLUMN public.event.phase_changed_by IS 'User who last changed the phase';
COMMENT ON COLUMN public.warehouse.min_stock_threshold IS 'Default minimum stock threshold of this warehouse; surplus = available - threshold';
COMMENT ON COLUMN public.warehouse.last_sync_dtime IS 'Last time inventory data was synchronised from this warehouse (UTC)';
COMMENT ON COLUMN public.warehouse.sync_status IS 'Sync status, set by trg_warehouse_sync_status: ONLINE (<2 h), STALE (2-6 h), OFFLINE (>=6 h), UNKNOWN (never)';
COMMENT ON COLUMN public.item.baseline_burn_rate IS 'Default burn rate (units/hour), used when the warehouse data is stale';
COMMENT ON COLUMN public.item.min_stock_threshold IS 'Item minimum stock threshold; overrides the warehouse default when > 0';
COMMENT ON COLUMN public.item.criticality_level IS 'Item criticality for prioritisation: CRITICAL, HIGH, NORMAL, LOW';
COMMENT ON COLUMN public.transfer.dispatched_at IS 'When the transfer was physically dispatched (UTC)';
COMMENT ON COLUMN public.transfer.dispatched_by IS 'User who dispatched the transfer';
COMMENT ON COLUMN public.transfer.expected_arrival IS 'Estimated arrival at the destination warehouse (UTC)';
COMMENT ON COLUMN public.transfer.received_at IS 'When the transfer was received at the destination (UTC)';
COMMENT ON COLUMN public.transfer.received_by IS 'User who received the transfer';
COMMENT ON COLUMN public.transfer.needs_list_id IS 'The needs list this transfer was created from, if any';

-- =============================================================================
-- PART 2: new tables
-- =============================================================================

-- -----------------------------------------------------------------------------
-- event_phase_config: per-event, per-phase parameters
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.event_phase_config (
    config_id                  INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    event_id                   INTEGER NOT NULL,
    phase                      VARCHAR(15) NOT NULL,
    demand_window_hours        INTEGER NOT NULL,
    planning_window_hours      INTEGER NOT NULL,
    safety_buffer_pct          NUMERIC(5,2) NOT NULL DEFAULT 25.00,
    safety_factor              NUMERIC(4,2) NOT NULL DEFAULT 1.25,
    freshness_threshold_hours  INTEGER NOT NULL DEFAULT 2,
    stale_threshold_hours      INTEGER NOT NULL DEFAULT 6,
    is_active                  BOOLEAN NOT NULL DEFAULT TRUE,
    create_by_id               VARCHAR(20) NOT NULL,
    create_dtime               TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id               VARCHAR(20) NOT NULL,
    update_dtime               TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr                INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_event_phase_config PRIMARY KEY (config_id),
    CONSTRAINT fk_event_phase_config_event FOREIGN KEY (event_id) REFERENCES public.event (event_id),
    CONSTRAINT uq_event_phase_config_event_phase UNIQUE (event_id, phase),
    CONSTRAINT c_event_phase_config_phase CHECK (phase IN ('SURGE', 'STABILIZED', 'BASELINE')),
    CONSTRAINT c_event_phase_config_demand_window CHECK (demand_window_hours > 0),
    CONSTRAINT c_event_phase_config_planning_window CHECK (planning_window_hours > 0),
    CONSTRAINT c_event_phase_config_safety_buffer CHECK (safety_buffer_pct >= 0 AND safety_buffer_pct <= 100),
    CONSTRAINT c_event_phase_config_safety_factor CHECK (safety_factor >= 1.00),
    CONSTRAINT c_event_phase_config_thresholds CHECK (freshness_threshold_hours > 0
                                                      AND stale_threshold_hours >= freshness_threshold_hours)
);

COMMENT ON TABLE public.event_phase_config IS 'Phase-specific parameters per event (defaults: SURGE 6/72 h, STABILIZED 72/168 h, BASELINE 720/720 h)';
COMMENT ON COLUMN public.event_phase_config.demand_window_hours IS 'Look-back window of the burn rate (SURGE=6, STABILIZED=72, BASELINE=720)';
COMMENT ON COLUMN public.event_phase_config.planning_window_hours IS 'Horizon of the stock requirement (SURGE=72, STABILIZED=168, BASELINE=720)';
COMMENT ON COLUMN public.event_phase_config.safety_buffer_pct IS 'Safety buffer percentage (SURGE=50, STABILIZED=25, BASELINE=10)';

-- -----------------------------------------------------------------------------
-- event_phase_history: phase transitions (written by trg_event_phase_change)
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.event_phase_history (
    history_id   INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    event_id     INTEGER NOT NULL,
    from_phase   VARCHAR(15),
    to_phase     VARCHAR(15) NOT NULL,
    changed_at   TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    changed_by   VARCHAR(20) NOT NULL,
    reason_text  VARCHAR(255),
    CONSTRAINT pk_event_phase_history PRIMARY KEY (history_id),
    CONSTRAINT fk_event_phase_history_event FOREIGN KEY (event_id) REFERENCES public.event (event_id),
    CONSTRAINT c_event_phase_history_from_phase CHECK (from_phase IS NULL
                                                       OR from_phase IN ('SURGE', 'STABILIZED', 'BASELINE')),
    CONSTRAINT c_event_phase_history_to_phase CHECK (to_phase IN ('SURGE', 'STABILIZED', 'BASELINE'))
);

CREATE INDEX IF NOT EXISTS idx_event_phase_history_event ON public.event_phase_history (event_id, history_id);

COMMENT ON TABLE public.event_phase_history IS 'Audit trail of event phase transitions (who, when, why), written by trg_event_phase_change';

-- -----------------------------------------------------------------------------
-- needs_list: header of a replenishment recommendation
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.needs_list (
    needs_list_id          INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    needs_list_no          VARCHAR(30) NOT NULL,
    event_id               INTEGER NOT NULL,
    warehouse_id           INTEGER NOT NULL,
    event_phase            VARCHAR(15) NOT NULL,
    calculation_dtime      TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL,
    demand_window_hours    INTEGER NOT NULL,
    planning_window_hours  INTEGER NOT NULL,
    safety_factor          NUMERIC(4,2) NOT NULL,
    data_freshness_level   VARCHAR(10) NOT NULL DEFAULT 'HIGH',
    status_code            VARCHAR(20) NOT NULL DEFAULT 'DRAFT',
    total_gap_qty          NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    total_estimated_value  NUMERIC(15,2) DEFAULT 0.00,
    submitted_at           TIMESTAMP(0) WITHOUT TIME ZONE,
    submitted_by           VARCHAR(20),
    under_review_at        TIMESTAMP(0) WITHOUT TIME ZONE,
    under_review_by        VARCHAR(20),
    reviewed_at            TIMESTAMP(0) WITHOUT TIME ZONE,
    reviewed_by            VARCHAR(20),
    approved_at            TIMESTAMP(0) WITHOUT TIME ZONE,
    approved_by            VARCHAR(20),
    rejected_at            TIMESTAMP(0) WITHOUT TIME ZONE,
    rejected_by            VARCHAR(20),
    rejection_reason       VARCHAR(255),
    returned_at            TIMESTAMP(0) WITHOUT TIME ZONE,
    returned_by            VARCHAR(20),
    returned_reason        VARCHAR(255),
    cancelled_at           TIMESTAMP(0) WITHOUT TIME ZONE,
    cancelled_by           VARCHAR(20),
    superseded_by_id       INTEGER,
    notes_text             TEXT,
    create_by_id           VARCHAR(20) NOT NULL,
    create_dtime           TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id           VARCHAR(20) NOT NULL,
    update_dtime           TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr            INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_needs_list PRIMARY KEY (needs_list_id),
    CONSTRAINT uq_needs_list_no UNIQUE (needs_list_no),
    CONSTRAINT fk_needs_list_event FOREIGN KEY (event_id) REFERENCES public.event (event_id),
    CONSTRAINT fk_needs_list_warehouse FOREIGN KEY (warehouse_id) REFERENCES public.warehouse (warehouse_id),
    CONSTRAINT fk_needs_list_superseded_by FOREIGN KEY (superseded_by_id) REFERENCES public.needs_list (needs_list_id),
    CONSTRAINT c_needs_list_phase CHECK (event_phase IN ('SURGE', 'STABILIZED', 'BASELINE')),
    CONSTRAINT c_needs_list_freshness CHECK (data_freshness_level IN ('HIGH', 'MEDIUM', 'LOW')),
    CONSTRAINT c_needs_list_status CHECK (status_code IN (
        'DRAFT', 'PENDING_APPROVAL', 'UNDER_REVIEW', 'APPROVED', 'REJECTED',
        'RETURNED', 'IN_PROGRESS', 'FULFILLED', 'CANCELLED', 'SUPERSEDED')),
    CONSTRAINT c_needs_list_gap CHECK (total_gap_qty >= 0.00),
    CONSTRAINT c_needs_list_windows CHECK (demand_window_hours > 0 AND planning_window_hours > 0),
    CONSTRAINT c_needs_list_safety_factor CHECK (safety_factor >= 1.00)
);

CREATE INDEX IF NOT EXISTS idx_needs_list_event ON public.needs_list (event_id);
CREATE INDEX IF NOT EXISTS idx_needs_list_warehouse ON public.needs_list (warehouse_id);
CREATE INDEX IF NOT EXISTS idx_needs_list_status ON public.needs_list (status_code);
CREATE INDEX IF NOT EXISTS idx_needs_list_calc_date ON public.needs_list (calculation_dtime);

COMMENT ON TABLE public.needs_list IS 'Needs list header: system-generated replenishment recommendation for one event and warehouse';
COMMENT ON COLUMN public.needs_list.needs_list_no IS 'Unique number: NL-{EVENT_ID}-{WAREHOUSE_ID}-{YYYYMMDD}-{SEQ}';
COMMENT ON COLUMN public.needs_list.data_freshness_level IS 'Data confidence at calculation time: HIGH, MEDIUM, LOW';
COMMENT ON COLUMN public.needs_list.status_code IS 'DRAFT, PENDING_APPROVAL, UNDER_REVIEW, APPROVED, REJECTED, RETURNED, IN_PROGRESS, FULFILLED, CANCELLED, SUPERSEDED';
COMMENT ON COLUMN public.needs_list.superseded_by_id IS 'When SUPERSEDED: the newer needs list';

-- -----------------------------------------------------------------------------
-- needs_list_item: one line per item with the calculation snapshot
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.needs_list_item (
    needs_list_item_id             INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    needs_list_id                  INTEGER NOT NULL,
    item_id                        INTEGER NOT NULL,
    uom_code                       VARCHAR(25) NOT NULL,
    -- calculation inputs (snapshot at calculation time)
    burn_rate                      NUMERIC(10,4) NOT NULL DEFAULT 0.0000,
    burn_rate_source               VARCHAR(20) NOT NULL DEFAULT 'CALCULATED',
    available_stock                NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    reserved_qty                   NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    inbound_transfer_qty           NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    inbound_donation_qty           NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    inbound_procurement_qty        NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    -- calculation outputs
    required_qty                   NUMERIC(15,2) NOT NULL,
    coverage_qty                   NUMERIC(15,2) NOT NULL,
    gap_qty                        NUMERIC(15,2) NOT NULL,
    time_to_stockout_hours         NUMERIC(10,2),
    severity_level                 VARCHAR(10) NOT NULL DEFAULT 'OK',
    -- three horizons
    horizon_a_qty                  NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    horizon_a_source_warehouse_id  INTEGER,
    horizon_b_qty                  NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    horizon_c_qty                  NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    -- adjustments
    adjusted_qty                   NUMERIC(15,2),
    adjustment_reason              VARCHAR(50),
    adjustment_notes               VARCHAR(255),
    adjusted_by                    VARCHAR(20),
    adjusted_at                    TIMESTAMP(0) WITHOUT TIME ZONE,
    -- fulfilment tracking
    fulfilled_qty                  NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    fulfillment_status             VARCHAR(20) NOT NULL DEFAULT 'PENDING',
    create_by_id                   VARCHAR(20) NOT NULL,
    create_dtime                   TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id                   VARCHAR(20) NOT NULL,
    update_dtime                   TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr                    INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_needs_list_item PRIMARY KEY (needs_list_item_id),
    CONSTRAINT fk_needs_list_item_needs_list FOREIGN KEY (needs_list_id)
        REFERENCES public.needs_list (needs_list_id) ON DELETE CASCADE,
    CONSTRAINT fk_needs_list_item_item FOREIGN KEY (item_id) REFERENCES public.item (item_id),
    CONSTRAINT fk_needs_list_item_source_warehouse FOREIGN KEY (horizon_a_source_warehouse_id)
        REFERENCES public.warehouse (warehouse_id),
    CONSTRAINT uq_needs_list_item_item UNIQUE (needs_list_id, item_id),
    CONSTRAINT c_needs_list_item_burn_rate CHECK (burn_rate >= 0.0000),
    CONSTRAINT c_needs_list_item_burn_rate_source CHECK (burn_rate_source IN ('CALCULATED', 'BASELINE', 'MANUAL', 'ESTIMATED')),
    CONSTRAINT c_needs_list_item_inputs CHECK (available_stock >= 0.00 AND reserved_qty >= 0.00
                                               AND inbound_transfer_qty >= 0.00
                                               AND inbound_donation_qty >= 0.00
                                               AND inbound_procurement_qty >= 0.00),
    CONSTRAINT c_needs_list_item_gap CHECK (gap_qty >= 0.00),
    CONSTRAINT c_needs_list_item_severity CHECK (severity_level IN ('CRITICAL', 'WARNING', 'WATCH', 'OK')),
    CONSTRAINT c_needs_list_item_horizons CHECK (horizon_a_qty >= 0.00 AND horizon_b_qty >= 0.00 AND horizon_c_qty >= 0.00),
    CONSTRAINT c_needs_list_item_adjusted_qty CHECK (adjusted_qty IS NULL OR adjusted_qty >= 0.00),
    CONSTRAINT c_needs_list_item_adjustment_reason CHECK (adjustment_reason IS NULL OR adjustment_reason IN (
        'DEMAND_ADJUSTED', 'PARTIAL_COVERAGE', 'PRIORITY_CHANGE', 'BUDGET_CONSTRAINT', 'SUPPLIER_LIMIT', 'OTHER')),
    CONSTRAINT c_needs_list_item_adjustment_notes CHECK (adjustment_reason IS DISTINCT FROM 'OTHER'
                                                         OR btrim(coalesce(adjustment_notes, '')) <> ''),
    CONSTRAINT c_needs_list_item_fulfilled_qty CHECK (fulfilled_qty >= 0.00),
    CONSTRAINT c_needs_list_item_fulfillment_status CHECK (fulfillment_status IN ('PENDING', 'PARTIAL', 'FULFILLED', 'CANCELLED'))
);

CREATE INDEX IF NOT EXISTS idx_nli_needs_list ON public.needs_list_item (needs_list_id);
CREATE INDEX IF NOT EXISTS idx_nli_item ON public.needs_list_item (item_id);
CREATE INDEX IF NOT EXISTS idx_nli_severity ON public.needs_list_item (severity_level);

COMMENT ON TABLE public.needs_list_item IS 'Item lines of a needs list with the calculation details';
COMMENT ON COLUMN public.needs_list_item.burn_rate_source IS 'CALCULATED (from fulfilments), BASELINE (item default, stale data), MANUAL, ESTIMATED';
COMMENT ON COLUMN public.needs_list_item.severity_level IS 'CRITICAL (<8 h), WARNING (<24 h), WATCH (<72 h), OK (otherwise or no demand)';
COMMENT ON COLUMN public.needs_list_item.horizon_a_source_warehouse_id IS 'Main source warehouse of horizon A (transfers)';

-- -----------------------------------------------------------------------------
-- needs_list_audit: append-only audit trail of every needs-list action
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.needs_list_audit (
    audit_id            INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    needs_list_id       INTEGER NOT NULL,
    needs_list_item_id  INTEGER,
    action_type         VARCHAR(30) NOT NULL,
    field_name          VARCHAR(50),
    old_value           TEXT,
    new_value           TEXT,
    reason_code         VARCHAR(50),
    notes_text          VARCHAR(500),
    actor_user_id       VARCHAR(20) NOT NULL,
    action_dtime        TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    CONSTRAINT pk_needs_list_audit PRIMARY KEY (audit_id),
    CONSTRAINT fk_needs_list_audit_needs_list FOREIGN KEY (needs_list_id) REFERENCES public.needs_list (needs_list_id),
    CONSTRAINT fk_needs_list_audit_needs_list_item FOREIGN KEY (needs_list_item_id)
        REFERENCES public.needs_list_item (needs_list_item_id),
    CONSTRAINT c_needs_list_audit_action CHECK (action_type IN (
        'CREATED', 'SUBMITTED', 'APPROVED', 'REJECTED', 'RETURNED', 'QUANTITY_ADJUSTED',
        'STATUS_CHANGED', 'HORIZON_CHANGED', 'SUPERSEDED', 'CANCELLED', 'FULFILLED', 'COMMENT_ADDED'))
);

CREATE INDEX IF NOT EXISTS idx_nla_needs_list ON public.needs_list_audit (needs_list_id);
CREATE INDEX IF NOT EXISTS idx_nla_action_date ON public.needs_list_audit (action_dtime);

COMMENT ON TABLE public.needs_list_audit IS 'Immutable audit trail of all needs-list actions: rows are never updated or deleted (trg_needs_list_audit_append_only)';

-- Append-only, enforced: UPDATE and DELETE are refused (TRUNCATE, owner-only in practice, is not).
CREATE OR REPLACE FUNCTION public.needs_list_audit_append_only()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'needs_list_audit is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE OR REPLACE TRIGGER trg_needs_list_audit_append_only
    BEFORE UPDATE OR DELETE ON public.needs_list_audit
    FOR EACH ROW EXECUTE FUNCTION public.needs_list_audit_append_only();

-- -----------------------------------------------------------------------------
-- burn_rate_snapshot: every burn rate the service calculated
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.burn_rate_snapshot (
    snapshot_id              INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    warehouse_id             INTEGER NOT NULL,
    item_id                  INTEGER NOT NULL,
    event_id                 INTEGER NOT NULL,
    event_phase              VARCHAR(15) NOT NULL,
    snapshot_dtime           TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    demand_window_hours      INTEGER NOT NULL,
    fulfillment_count        INTEGER NOT NULL DEFAULT 0,
    total_fulfilled_qty      NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    burn_rate                NUMERIC(10,4) NOT NULL,
    burn_rate_source         VARCHAR(20) NOT NULL,
    data_freshness_level     VARCHAR(10) NOT NULL,
    time_to_stockout_hours   NUMERIC(10,2),
    available_stock_at_calc  NUMERIC(15,2) NOT NULL,
    CONSTRAINT pk_burn_rate_snapshot PRIMARY KEY (snapshot_id),
    CONSTRAINT fk_burn_rate_snapshot_warehouse FOREIGN KEY (warehouse_id) REFERENCES public.warehouse (warehouse_id),
    CONSTRAINT fk_burn_rate_snapshot_item FOREIGN KEY (item_id) REFERENCES public.item (item_id),
    CONSTRAINT fk_burn_rate_snapshot_event FOREIGN KEY (event_id) REFERENCES public.event (event_id),
    CONSTRAINT c_burn_rate_snapshot_phase CHECK (event_phase IN ('SURGE', 'STABILIZED', 'BASELINE')),
    CONSTRAINT c_burn_rate_snapshot_source CHECK (burn_rate_source IN ('CALCULATED', 'BASELINE', 'ESTIMATED')),
    CONSTRAINT c_burn_rate_snapshot_freshness CHECK (data_freshness_level IN ('HIGH', 'MEDIUM', 'LOW')),
    CONSTRAINT c_burn_rate_snapshot_burn_rate CHECK (burn_rate >= 0.0000)
);

CREATE INDEX IF NOT EXISTS idx_brs_warehouse_item ON public.burn_rate_snapshot (warehouse_id, item_id);
CREATE INDEX IF NOT EXISTS idx_brs_event ON public.burn_rate_snapshot (event_id);
CREATE INDEX IF NOT EXISTS idx_brs_snapshot_date ON public.burn_rate_snapshot (snapshot_dtime);

COMMENT ON TABLE public.burn_rate_snapshot IS 'Historical burn-rate calculations for trending and analysis';

-- -----------------------------------------------------------------------------
-- warehouse_sync_log: data synchronisation runs per warehouse
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.warehouse_sync_log (
    sync_id        INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    warehouse_id   INTEGER NOT NULL,
    sync_dtime     TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    sync_type      VARCHAR(20) NOT NULL DEFAULT 'AUTO',
    sync_status    VARCHAR(10) NOT NULL,
    items_synced   INTEGER NOT NULL DEFAULT 0,
    error_message  TEXT,
    triggered_by   VARCHAR(20),
    CONSTRAINT pk_warehouse_sync_log PRIMARY KEY (sync_id),
    CONSTRAINT fk_warehouse_sync_log_warehouse FOREIGN KEY (warehouse_id) REFERENCES public.warehouse (warehouse_id),
    CONSTRAINT c_warehouse_sync_log_type CHECK (sync_type IN ('AUTO', 'MANUAL', 'SCHEDULED')),
    CONSTRAINT c_warehouse_sync_log_status CHECK (sync_status IN ('SUCCESS', 'PARTIAL', 'FAILED')),
    CONSTRAINT c_warehouse_sync_log_items CHECK (items_synced >= 0)
);

CREATE INDEX IF NOT EXISTS idx_wsl_warehouse ON public.warehouse_sync_log (warehouse_id);
CREATE INDEX IF NOT EXISTS idx_wsl_sync_date ON public.warehouse_sync_log (sync_dtime);

COMMENT ON TABLE public.warehouse_sync_log IS 'Warehouse data synchronisation log (freshness tracking)';

-- -----------------------------------------------------------------------------
-- supplier: supplier master for horizon C
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.supplier (
    supplier_id             INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    supplier_code           VARCHAR(20) NOT NULL,
    supplier_name           VARCHAR(120) NOT NULL,
    contact_name            VARCHAR(80),
    phone_no                VARCHAR(20),
    email_text              VARCHAR(100),
    address_text            VARCHAR(255),
    parish_code             CHAR(2),
    country_id              SMALLINT,
    default_lead_time_days  INTEGER DEFAULT 14,
    is_framework_supplier   BOOLEAN NOT NULL DEFAULT FALSE,
    framework_contract_no   VARCHAR(50),
    framework_expiry_date   DATE,
    status_code             CHAR(1) NOT NULL DEFAULT 'A',
    create_by_id            VARCHAR(20) NOT NULL,
    create_dtime            TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id            VARCHAR(20) NOT NULL,
    update_dtime            TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr             INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_supplier PRIMARY KEY (supplier_id),
    CONSTRAINT uq_supplier_code UNIQUE (supplier_code),
    CONSTRAINT fk_supplier_country FOREIGN KEY (country_id) REFERENCES public.country (country_id),
    CONSTRAINT c_supplier_code_upper CHECK (supplier_code = upper(supplier_code)),
    CONSTRAINT c_supplier_lead_time CHECK (default_lead_time_days IS NULL OR default_lead_time_days > 0),
    CONSTRAINT c_supplier_status CHECK (status_code IN ('A', 'I'))
);

COMMENT ON TABLE public.supplier IS 'Supplier master for horizon C procurement';
COMMENT ON COLUMN public.supplier.is_framework_supplier IS 'TRUE when the supplier has a pre-negotiated framework agreement';

-- -----------------------------------------------------------------------------
-- procurement / procurement_item: horizon C orders
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.procurement (
    procurement_id           INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    procurement_no           VARCHAR(30) NOT NULL,
    needs_list_id            INTEGER,
    event_id                 INTEGER NOT NULL,
    target_warehouse_id      INTEGER NOT NULL,
    supplier_id              INTEGER,
    procurement_method       VARCHAR(25) NOT NULL,
    po_number                VARCHAR(50),
    total_value              NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    currency_code            VARCHAR(10) NOT NULL DEFAULT 'JMD',
    status_code              VARCHAR(20) NOT NULL DEFAULT 'DRAFT',
    approved_at              TIMESTAMP(0) WITHOUT TIME ZONE,
    approved_by              VARCHAR(20),
    approval_threshold_tier  VARCHAR(10),
    shipped_at               TIMESTAMP(0) WITHOUT TIME ZONE,
    expected_arrival         TIMESTAMP(0) WITHOUT TIME ZONE,
    received_at              TIMESTAMP(0) WITHOUT TIME ZONE,
    received_by              VARCHAR(20),
    notes_text               TEXT,
    create_by_id             VARCHAR(20) NOT NULL,
    create_dtime             TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id             VARCHAR(20) NOT NULL,
    update_dtime             TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr              INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_procurement PRIMARY KEY (procurement_id),
    CONSTRAINT uq_procurement_no UNIQUE (procurement_no),
    CONSTRAINT fk_procurement_needs_list FOREIGN KEY (needs_list_id) REFERENCES public.needs_list (needs_list_id),
    CONSTRAINT fk_procurement_event FOREIGN KEY (event_id) REFERENCES public.event (event_id),
    CONSTRAINT fk_procurement_warehouse FOREIGN KEY (target_warehouse_id) REFERENCES public.warehouse (warehouse_id),
    CONSTRAINT fk_procurement_supplier FOREIGN KEY (supplier_id) REFERENCES public.supplier (supplier_id),
    CONSTRAINT c_procurement_method CHECK (procurement_method IN (
        'EMERGENCY_DIRECT', 'SINGLE_SOURCE', 'RFQ', 'RESTRICTED_BIDDING', 'OPEN_TENDER', 'FRAMEWORK')),
    CONSTRAINT c_procurement_status CHECK (status_code IN (
        'DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'ORDERED', 'SHIPPED',
        'PARTIAL_RECEIVED', 'RECEIVED', 'CANCELLED')),
    CONSTRAINT c_procurement_tier CHECK (approval_threshold_tier IS NULL
                                         OR approval_threshold_tier IN ('TIER_1', 'TIER_2', 'TIER_3', 'EMERGENCY')),
    CONSTRAINT c_procurement_total_value CHECK (total_value >= 0.00)
);

CREATE INDEX IF NOT EXISTS idx_proc_event ON public.procurement (event_id);
CREATE INDEX IF NOT EXISTS idx_proc_warehouse ON public.procurement (target_warehouse_id);
CREATE INDEX IF NOT EXISTS idx_proc_status ON public.procurement (status_code);
CREATE INDEX IF NOT EXISTS idx_proc_needs_list ON public.procurement (needs_list_id);
CREATE INDEX IF NOT EXISTS idx_proc_supplier ON public.procurement (supplier_id);

COMMENT ON TABLE public.procurement IS 'Procurement orders created from horizon C needs-list lines';
COMMENT ON COLUMN public.procurement.approval_threshold_tier IS 'GOJ procurement tier by value: TIER_1, TIER_2, TIER_3, EMERGENCY';

CREATE TABLE IF NOT EXISTS public.procurement_item (
    procurement_item_id  INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    procurement_id       INTEGER NOT NULL,
    item_id              INTEGER NOT NULL,
    needs_list_item_id   INTEGER,
    ordered_qty          NUMERIC(15,2) NOT NULL,
    unit_price           NUMERIC(12,2),
    line_total           NUMERIC(15,2),
    uom_code             VARCHAR(25) NOT NULL,
    received_qty         NUMERIC(15,2) NOT NULL DEFAULT 0.00,
    status_code          VARCHAR(20) NOT NULL DEFAULT 'PENDING',
    create_by_id         VARCHAR(20) NOT NULL,
    create_dtime         TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id         VARCHAR(20) NOT NULL,
    update_dtime         TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr          INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_procurement_item PRIMARY KEY (procurement_item_id),
    CONSTRAINT fk_procurement_item_procurement FOREIGN KEY (procurement_id)
        REFERENCES public.procurement (procurement_id) ON DELETE CASCADE,
    CONSTRAINT fk_procurement_item_item FOREIGN KEY (item_id) REFERENCES public.item (item_id),
    CONSTRAINT fk_procurement_item_needs_list_item FOREIGN KEY (needs_list_item_id)
        REFERENCES public.needs_list_item (needs_list_item_id),
    CONSTRAINT c_procurement_item_ordered_qty CHECK (ordered_qty > 0.00),
    CONSTRAINT c_procurement_item_received_qty CHECK (received_qty >= 0.00 AND received_qty <= ordered_qty),
    CONSTRAINT c_procurement_item_unit_price CHECK (unit_price IS NULL OR unit_price >= 0.00),
    CONSTRAINT c_procurement_item_status CHECK (status_code IN ('PENDING', 'PARTIAL', 'RECEIVED', 'CANCELLED'))
);

CREATE INDEX IF NOT EXISTS idx_pi_procurement ON public.procurement_item (procurement_id);
CREATE INDEX IF NOT EXISTS idx_pi_item ON public.procurement_item (item_id);
CREATE INDEX IF NOT EXISTS idx_pi_needs_list_item ON public.procurement_item (needs_list_item_id);

COMMENT ON TABLE public.procurement_item IS 'Lines of a procurement order';

-- -----------------------------------------------------------------------------
-- lead_time_config: lead times per horizon (A routes, B donations, C suppliers)
-- -----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.lead_time_config (
    config_id          INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    horizon            CHAR(1) NOT NULL,
    from_warehouse_id  INTEGER,
    to_warehouse_id    INTEGER,
    supplier_id        INTEGER,
    lead_time_hours    INTEGER NOT NULL,
    is_default         BOOLEAN NOT NULL DEFAULT FALSE,
    effective_from     DATE NOT NULL DEFAULT ((now() AT TIME ZONE 'UTC')::date),
    effective_to       DATE,
    create_by_id       VARCHAR(20) NOT NULL,
    create_dtime       TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id       VARCHAR(20) NOT NULL,
    update_dtime       TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr        INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_lead_time_config PRIMARY KEY (config_id),
    CONSTRAINT fk_lead_time_config_from_warehouse FOREIGN KEY (from_warehouse_id) REFERENCES public.warehouse (warehouse_id),
    CONSTRAINT fk_lead_time_config_to_warehouse FOREIGN KEY (to_warehouse_id) REFERENCES public.warehouse (warehouse_id),
    CONSTRAINT fk_lead_time_config_supplier FOREIGN KEY (supplier_id) REFERENCES public.supplier (supplier_id),
    CONSTRAINT c_lead_time_config_horizon CHECK (horizon IN ('A', 'B', 'C')),
    CONSTRAINT c_lead_time_config_hours CHECK (lead_time_hours > 0),
    CONSTRAINT c_lead_time_config_a_route CHECK (horizon <> 'A' OR is_default
                                                 OR (from_warehouse_id IS NOT NULL AND to_warehouse_id IS NOT NULL)),
    CONSTRAINT c_lead_time_config_c_supplier CHECK (horizon <> 'C' OR is_default OR supplier_id IS NOT NULL),
    CONSTRAINT c_lead_time_config_effective CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- At most one default per horizon.
CREATE UNIQUE INDEX IF NOT EXISTS idx_ltc_default_per_horizon ON public.lead_time_config (horizon) WHERE is_default;
CREATE INDEX IF NOT EXISTS idx_ltc_route ON public.lead_time_config (horizon, from_warehouse_id, to_warehouse_id);
CREATE INDEX IF NOT EXISTS idx_ltc_supplier ON public.lead_time_config (supplier_id);

COMMENT ON TABLE public.lead_time_config IS 'Lead times of the three horizons: A (warehouse routes, hours), B (donations), C (suppliers); one default per horizon';

-- =============================================================================
-- PART 3: foreign key from the legacy transfer table (NOT VALID; validated by V2_1)
-- =============================================================================
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                    WHERE conrelid = 'public.transfer'::regclass AND conname = 'fk_transfer_needs_list') THEN
        ALTER TABLE public.transfer
            ADD CONSTRAINT fk_transfer_needs_list FOREIGN KEY (needs_list_id)
            REFERENCES public.needs_list (needs_list_id) NOT VALID;
    END IF;
END
$$;

-- =============================================================================
-- PART 4: views
-- =============================================================================

-- One row per active warehouse x active item. Freshness is measured against UTC now
-- (the timestamp columns hold UTC without a zone).
CREATE OR REPLACE VIEW public.v_stock_status AS
SELECT
    w.warehouse_id,
    w.warehouse_name,
    w.warehouse_type,
    i.item_id,
    i.item_code,
    i.item_name,
    i.criticality_level,
    COALESCE(inv.usable_qty, 0.00)::NUMERIC(12,2)              AS available_stock,
    COALESCE(inv.reserved_qty, 0.00)::NUMERIC(12,2)            AS reserved_qty,
    t.min_threshold                                            AS min_threshold,
    (COALESCE(inv.usable_qty, 0.00) - t.min_threshold)::NUMERIC(13,2) AS surplus_qty,
    w.last_sync_dtime,
    w.sync_status,
    (CASE
        WHEN w.last_sync_dtime IS NULL THEN 'UNKNOWN'
        WHEN w.last_sync_dtime > (now() AT TIME ZONE 'UTC') - INTERVAL '2 hours' THEN 'HIGH'
        WHEN w.last_sync_dtime > (now() AT TIME ZONE 'UTC') - INTERVAL '6 hours' THEN 'MEDIUM'
        ELSE 'LOW'
    END)::VARCHAR(10)                                          AS data_freshness
FROM public.warehouse w
CROSS JOIN public.item i
LEFT JOIN public.inventory inv
       ON inv.inventory_id = w.warehouse_id     -- inventory_id is the warehouse id
      AND inv.item_id = i.item_id
CROSS JOIN LATERAL (
    SELECT (CASE WHEN COALESCE(i.min_stock_threshold, 0) > 0 THEN i.min_stock_threshold
                 ELSE COALESCE(w.min_stock_threshold, 0.00) END)::NUMERIC(12,2) AS min_threshold
) t
WHERE w.status_code = 'A'
  AND i.status_code = 'A';

COMMENT ON VIEW public.v_stock_status IS 'Stock status per active warehouse and active item, with effective minimum threshold and data freshness (UNKNOWN/HIGH <2 h/MEDIUM <6 h/LOW)';

-- Confirmed inbound only, one row per source document and item:
--   TRANSFER    dispatched (D) transfers not yet received, to their destination;
--   DONATION    verified (V) lines of verified (V) donations whose intake at the warehouse
--               is not yet verified (pledged lines never count);
--   PROCUREMENT shipped procurements (SHIPPED, and the shipped remainder of PARTIAL_RECEIVED),
--               ordered minus received on lines neither RECEIVED nor CANCELLED.
CREATE OR REPLACE VIEW public.v_inbound_stock AS
SELECT
    t.to_inventory_id                    AS warehouse_id,
    ti.item_id,
    'TRANSFER'::VARCHAR(12)              AS source_type,
    SUM(ti.item_qty)::NUMERIC(15,2)      AS inbound_qty,
    t.expected_arrival,
    t.transfer_id                        AS source_id
FROM public.transfer t
JOIN public.transfer_item ti ON ti.transfer_id = t.transfer_id
WHERE t.status_code = 'D'
  AND t.received_at IS NULL
GROUP BY t.to_inventory_id, ti.item_id, t.expected_arrival, t.transfer_id

UNION ALL

SELECT
    dni.inventory_id                     AS warehouse_id,
    di.item_id,
    'DONATION'::VARCHAR(12)              AS source_type,
    di.item_qty::NUMERIC(15,2)           AS inbound_qty,
    NULL::TIMESTAMP(0) WITHOUT TIME ZONE AS expected_arrival,
    d.donation_id                        AS source_id
FROM public.donation d
JOIN public.donation_item di ON di.donation_id = d.donation_id
JOIN public.dnintake dni ON dni.donation_id = d.donation_id
WHERE d.status_code = 'V'
  AND di.status_code = 'V'
  AND dni.status_code <> 'V'
  AND di.item_qty > 0

UNION ALL

SELECT
    p.target_warehouse_id                AS warehouse_id,
    pi.item_id,
    'PROCUREMENT'::VARCHAR(12)           AS source_type,
    SUM(pi.ordered_qty - pi.received_qty)::NUMERIC(15,2) AS inbound_qty,
    p.expected_arrival,
    p.procurement_id                     AS source_id
FROM public.procurement p
JOIN public.procurement_item pi ON pi.procurement_id = p.procurement_id
WHERE p.status_code IN ('SHIPPED', 'PARTIAL_RECEIVED')
  AND pi.status_code NOT IN ('RECEIVED', 'CANCELLED')
  AND pi.ordered_qty - pi.received_qty > 0
GROUP BY p.target_warehouse_id, pi.item_id, p.expected_arrival, p.procurement_id;

COMMENT ON VIEW public.v_inbound_stock IS 'Confirmed inbound stock: DISPATCHED transfers, VERIFIED donations in transit, SHIPPED procurement';

-- =============================================================================
-- PART 5: triggers
-- =============================================================================

-- sync_status from last_sync_dtime (UTC): UNKNOWN never, ONLINE <2 h, STALE <6 h, else OFFLINE.
CREATE OR REPLACE FUNCTION public.update_warehouse_sync_status()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    v_now TIMESTAMP WITHOUT TIME ZONE := now() AT TIME ZONE 'UTC';
BEGIN
    IF NEW.last_sync_dtime IS NULL THEN
        NEW.sync_status := 'UNKNOWN';
    ELSIF NEW.last_sync_dtime > v_now - INTERVAL '2 hours' THEN
        NEW.sync_status := 'ONLINE';
    ELSIF NEW.last_sync_dtime > v_now - INTERVAL '6 hours' THEN
        NEW.sync_status := 'STALE';
    ELSE
        NEW.sync_status := 'OFFLINE';
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER trg_warehouse_sync_status
    BEFORE INSERT OR UPDATE OF last_sync_dtime ON public.warehouse
    FOR EACH ROW EXECUTE FUNCTION public.update_warehouse_sync_status();

-- Phase change: history row + notification (delivered at commit) to every listener of
-- channel dmis_phase_changes. The reason comes from the transaction-local setting
-- dmis.phase_change_reason (set_config('dmis.phase_change_reason', reason, true)).
CREATE OR REPLACE FUNCTION public.log_event_phase_change()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
    v_history_id  INTEGER;
    v_changed_at  TIMESTAMP(0) WITHOUT TIME ZONE;
    v_changed_by  VARCHAR(20);
    v_reason      VARCHAR(255);
BEGIN
    IF NEW.current_phase IS DISTINCT FROM OLD.current_phase THEN
        v_changed_at := COALESCE(NEW.phase_changed_at, (now() AT TIME ZONE 'UTC'));
        v_changed_by := COALESCE(NEW.phase_changed_by, NEW.update_by_id);
        v_reason     := left(NULLIF(current_setting('dmis.phase_change_reason', true), ''), 255);

        INSERT INTO public.event_phase_history (event_id, from_phase, to_phase, changed_at, changed_by, reason_text)
        VALUES (NEW.event_id, OLD.current_phase, NEW.current_phase, v_changed_at, v_changed_by, v_reason)
        RETURNING history_id INTO v_history_id;

        PERFORM pg_notify('dmis_phase_changes', json_build_object(
            'history_id',  v_history_id,
            'event_id',    NEW.event_id,
            'from_phase',  OLD.current_phase,
            'to_phase',    NEW.current_phase,
            'changed_at',  to_char(v_changed_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'changed_by',  v_changed_by,
            'reason_text', v_reason
        )::text);
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER trg_event_phase_change
    AFTER UPDATE OF current_phase ON public.event
    FOR EACH ROW EXECUTE FUNCTION public.log_event_phase_change();

COMMENT ON FUNCTION public.log_event_phase_change() IS 'Writes event_phase_history on a real phase change and notifies channel dmis_phase_changes (JSON: history_id, event_id, from_phase, to_phase, changed_at, changed_by, reason_text)';
COMMENT ON FUNCTION public.update_warehouse_sync_status() IS 'Sets warehouse.sync_status from last_sync_dtime (UTC)';

-- =============================================================================
-- PART 6: initial data: default lead times (A = 8 h, B = 72 h, C = 336 h)
-- =============================================================================
INSERT INTO public.lead_time_config (horizon, lead_time_hours, is_default, effective_from, create_by_id, update_by_id)
VALUES ('A',   8, TRUE, DATE '2000-01-01', 'SYSTEM', 'SYSTEM'),
       ('B',  72, TRUE, DATE '2000-01-01', 'SYSTEM', 'SYSTEM'),
       ('C', 336, TRUE, DATE '2000-01-01', 'SYSTEM', 'SYSTEM')
ON CONFLICT (horizon) WHERE is_default DO NOTHING;

-- =============================================================================
-- PART 7: roles and grants (guide step 5)
-- A migrator without CREATEROLE (or without grant rights) still succeeds: it only
-- gets a NOTICE, and the DBA creates the roles / runs the grants.
-- The service logs in with its own LOGIN role, a member of dmis_app_user.
-- =============================================================================
DO $$
DECLARE
    v_role text;
BEGIN
    FOREACH v_role IN ARRAY ARRAY['dmis_app_user', 'dmis_readonly_user'] LOOP
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
            END IF;
        EXCEPTION
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'EP-02: cannot create role % (%); the DBA must create it', v_role, SQLERRM;
            WHEN duplicate_object THEN
                NULL;
        END;
    END LOOP;
END
$$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'dmis_app_user') THEN
        BEGIN
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dmis_app_user;
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO dmis_app_user;
            GRANT ALL PRIVILEGES ON TABLE public.needs_list TO dmis_app_user;
            GRANT ALL PRIVILEGES ON TABLE public.needs_list_item TO dmis_app_user;
            GRANT ALL PRIVILEGES ON TABLE public.needs_list_audit TO dmis_app_user;
            GRANT ALL PRIVILEGES ON TABLE public.procurement TO dmis_app_user;
            GRANT ALL PRIVILEGES ON TABLE public.supplier TO dmis_app_user;
            GRANT ALL PRIVILEGES ON TABLE public.lead_time_config TO dmis_app_user;
            -- Objects of later migrations (created by this migrator role) get the same grants.
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dmis_app_user;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO dmis_app_user;
            -- The migration history is not the application's to change.
            IF to_regclass('public.changelog') IS NOT NULL THEN
                REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.changelog FROM dmis_app_user;
            END IF;
        EXCEPTION
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'EP-02: grants to dmis_app_user not (fully) applied (%); the DBA must run guide step 5', SQLERRM;
        END;
    ELSE
        RAISE NOTICE 'EP-02: role dmis_app_user does not exist; grants skipped';
    END IF;

    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'dmis_readonly_user') THEN
        BEGIN
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO dmis_readonly_user;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO dmis_readonly_user;
        EXCEPTION
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'EP-02: grants to dmis_readonly_user not (fully) applied (%); the DBA must run guide step 5', SQLERRM;
        END;
    ELSE
        RAISE NOTICE 'EP-02: role dmis_readonly_user does not exist; grants skipped';
    END IF;
END
$$;

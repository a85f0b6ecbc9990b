-- =============================================================================
-- V4: what a generated needs list keeps of its calculation beyond the EP-02 columns.
-- =============================================================================
--   needs_list_item_source       the full horizon-A split of a line: every source warehouse,
--                                its quantity, lead time and expected arrival, in allocation
--                                order (needs_list_item.horizon_a_source_warehouse_id keeps
--                                only the main source). Also feeds "open allocations": what
--                                pending / under review / approved / in progress lists
--                                already hold at a source for an item.
--   needs_list_item_calculation  per line: the figures a line shows that needs_list_item has
--                                no column for (demand in the window, unit value, horizon
--                                lead times and flags, line order, warnings).
--   needs_list_calculation       per list: the phase parameters needs_list has no column for,
--                                item counts and header warnings.
-- New tables only, all cascading from needs_list / needs_list_item, so the guide's
-- "Option 2: Selective Rollback" (DROP TABLE needs_list_item / needs_list ... CASCADE)
-- still runs; Rollback/rollback_ep02.sql drops them first.
-- Indexes the calculation reads are built CONCURRENTLY in V4_1..V4_6 (one statement per file):
--   V4_1 reliefpkg window, V4_2 reliefpkg_item by package, V4_3 itembatch unit values,
--   V4_4 needs_list by event and warehouse (supersede), V4_5 reliefrqst status and event,
--   V4_6 procurement_item for v_inbound_stock's PROCUREMENT branch.
-- =============================================================================

SET LOCAL lock_timeout = '5s';

CREATE TABLE IF NOT EXISTS public.needs_list_calculation (
    needs_list_id              INTEGER NOT NULL,
    safety_buffer_pct          NUMERIC(5,2) NOT NULL,
    freshness_threshold_hours  INTEGER NOT NULL,
    stale_threshold_hours      INTEGER NOT NULL,
    data_age_hours             NUMERIC(10,2),
    items_evaluated            INTEGER NOT NULL DEFAULT 0,
    sufficient_coverage_count  INTEGER NOT NULL DEFAULT 0,
    warnings                   JSONB NOT NULL DEFAULT '[]'::jsonb,
    create_by_id               VARCHAR(20) NOT NULL,
    create_dtime               TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id               VARCHAR(20) NOT NULL,
    update_dtime               TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr                INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_needs_list_calculation PRIMARY KEY (needs_list_id),
    CONSTRAINT fk_needs_list_calculation_needs_list FOREIGN KEY (needs_list_id)
        REFERENCES public.needs_list (needs_list_id) ON DELETE CASCADE,
    CONSTRAINT c_needs_list_calculation_counts CHECK (items_evaluated >= 0 AND sufficient_coverage_count >= 0)
);

COMMENT ON TABLE public.needs_list_calculation IS 'Calculation details of a generated needs list: phase parameters beyond needs_list, item counts, header warnings';

CREATE TABLE IF NOT EXISTS public.needs_list_item_calculation (
    needs_list_item_id          INTEGER NOT NULL,
    line_no                     INTEGER NOT NULL,
    fulfilled_qty_in_window     NUMERIC(19,4) NOT NULL DEFAULT 0,
    fulfillment_count           INTEGER NOT NULL DEFAULT 0,
    unit_value                  NUMERIC(12,2),
    estimated_value             NUMERIC(15,2),
    projected_stockout_dtime    TIMESTAMP(0) WITHOUT TIME ZONE,
    horizon_a_lead_time_hours   INTEGER,
    horizon_b_lead_time_hours   INTEGER,
    horizon_c_lead_time_hours   INTEGER,
    horizon_a_after_stockout    BOOLEAN NOT NULL DEFAULT FALSE,
    horizon_b_after_stockout    BOOLEAN NOT NULL DEFAULT FALSE,
    horizon_c_after_stockout    BOOLEAN NOT NULL DEFAULT FALSE,
    stockout_before_arrival     BOOLEAN NOT NULL DEFAULT FALSE,
    warnings                    JSONB NOT NULL DEFAULT '[]'::jsonb,
    create_by_id                VARCHAR(20) NOT NULL,
    create_dtime                TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id                VARCHAR(20) NOT NULL,
    update_dtime                TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr                 INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_needs_list_item_calculation PRIMARY KEY (needs_list_item_id),
    CONSTRAINT fk_needs_list_item_calculation_item FOREIGN KEY (needs_list_item_id)
        REFERENCES public.needs_list_item (needs_list_item_id) ON DELETE CASCADE,
    CONSTRAINT c_needs_list_item_calculation_line_no CHECK (line_no > 0),
    CONSTRAINT c_needs_list_item_calculation_inputs CHECK (fulfilled_qty_in_window >= 0 AND fulfillment_count >= 0
                                                           AND (unit_value IS NULL OR unit_value >= 0)
                                                           AND (estimated_value IS NULL OR estimated_value >= 0)),
    CONSTRAINT c_needs_list_item_calculation_lead_times CHECK ((horizon_a_lead_time_hours IS NULL OR horizon_a_lead_time_hours > 0)
                                                               AND (horizon_b_lead_time_hours IS NULL OR horizon_b_lead_time_hours > 0)
                                                               AND (horizon_c_lead_time_hours IS NULL OR horizon_c_lead_time_hours > 0))
);

COMMENT ON TABLE public.needs_list_item_calculation IS 'Calculation details of a needs-list line beyond needs_list_item: demand in the window, unit value, horizon lead times, line order, warnings';

CREATE TABLE IF NOT EXISTS public.needs_list_item_source (
    needs_list_item_source_id  INTEGER GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    needs_list_item_id         INTEGER NOT NULL,
    source_warehouse_id        INTEGER NOT NULL,
    allocation_seq             SMALLINT NOT NULL,
    qty                        NUMERIC(15,2) NOT NULL,
    lead_time_hours            INTEGER NOT NULL,
    expected_arrival           TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL,
    create_by_id               VARCHAR(20) NOT NULL,
    create_dtime               TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    update_by_id               VARCHAR(20) NOT NULL,
    update_dtime               TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    version_nbr                INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT pk_needs_list_item_source PRIMARY KEY (needs_list_item_source_id),
    CONSTRAINT fk_needs_list_item_source_item FOREIGN KEY (needs_list_item_id)
        REFERENCES public.needs_list_item (needs_list_item_id) ON DELETE CASCADE,
    CONSTRAINT fk_needs_list_item_source_warehouse FOREIGN KEY (source_warehouse_id)
        REFERENCES public.warehouse (warehouse_id),
    CONSTRAINT uq_needs_list_item_source UNIQUE (needs_list_item_id, source_warehouse_id),
    CONSTRAINT c_needs_list_item_source_seq CHECK (allocation_seq > 0),
    CONSTRAINT c_needs_list_item_source_qty CHECK (qty > 0.00),
    CONSTRAINT c_needs_list_item_source_lead_time CHECK (lead_time_hours > 0)
);

-- Open allocations: by source warehouse, then the line (-> item, list status).
CREATE INDEX IF NOT EXISTS idx_nlis_source_warehouse ON public.needs_list_item_source (source_warehouse_id, needs_list_item_id) INCLUDE (qty);

COMMENT ON TABLE public.needs_list_item_source IS 'Horizon-A split of a needs-list line: every source warehouse with its quantity, lead time and expected arrival, in allocation order';
COMMENT ON COLUMN public.needs_list_item_source.allocation_seq IS 'Order in which the waterfall took the sources (lead time, then larger surplus, then id)';

-- =============================================================================
-- V9: a line's horizon-A split is kept on the line's calculation row, as four parallel
-- arrays in allocation order, instead of one needs_list_item_source row per line and
-- source.
--
-- Why: a generate at a busy warehouse writes ~400 lines with ~2,300 sources. As rows,
-- the sources cost ~2,300 inserts into three indexes and ~4,600 foreign-key checks,
-- which PostgreSQL runs one row at a time: half of what persisting a list costs, and the
-- reason generate took 2.4-4 x a preview (docs/PERFORMANCE.md, change 11). As arrays
-- they cost nothing beyond the ~400 calculation rows that are written anyway.
--
-- What the rows' constraints checked, the arrays' check does: same lengths, no NULL,
-- positive warehouse ids, quantities and lead times. Two checks have no array form:
--   * distinct sources per line: the waterfall takes each source once;
--   * the source warehouses as foreign keys: they are warehouses the calculation read
--     in the same transaction, each with an inventory row (inventory's own foreign key
--     keeps such a warehouse from being deleted).
--
-- v_needs_list_item_source shows the split as rows again (the old table's columns, the
-- allocation order as allocation_seq), so its readers stay set-based and unchanged.
-- Lines of other lists are found through needs_list and needs_list_item's indexes and
-- then unnested; the split is never searched by source warehouse across all lists.
--
-- Existing splits are moved into the arrays (generate always wrote a line's calculation
-- row with its split), then the table is dropped. The calculation table only holds
-- generated lists, so the move is small; ADD COLUMN with a constant default rewrites
-- nothing.
-- =============================================================================

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.needs_list_item_calculation
    ADD COLUMN IF NOT EXISTS horizon_a_split_warehouse_ids   INTEGER[] NOT NULL DEFAULT '{}',
    ADD COLUMN IF NOT EXISTS horizon_a_split_qtys            NUMERIC(15,2)[] NOT NULL DEFAULT '{}',
    ADD COLUMN IF NOT EXISTS horizon_a_split_lead_time_hours INTEGER[] NOT NULL DEFAULT '{}',
    ADD COLUMN IF NOT EXISTS horizon_a_split_arrivals        TIMESTAMP(0) WITHOUT TIME ZONE[] NOT NULL DEFAULT '{}';

-- (x < ALL (array)) is NULL, not TRUE, when an element is NULL: IS TRUE refuses those too.
ALTER TABLE public.needs_list_item_calculation
    DROP CONSTRAINT IF EXISTS c_needs_list_item_calculation_split,
    ADD CONSTRAINT c_needs_list_item_calculation_split CHECK (
        cardinality(horizon_a_split_qtys) = cardinality(horizon_a_split_warehouse_ids)
        AND cardinality(horizon_a_split_lead_time_hours) = cardinality(horizon_a_split_warehouse_ids)
        AND cardinality(horizon_a_split_arrivals) = cardinality(horizon_a_split_warehouse_ids)
        AND (0 < ALL (horizon_a_split_warehouse_ids)) IS TRUE
        AND (0.00 < ALL (horizon_a_split_qtys)) IS TRUE
        AND (0 < ALL (horizon_a_split_lead_time_hours)) IS TRUE
        AND array_position(horizon_a_split_arrivals, NULL) IS NULL);

COMMENT ON COLUMN public.needs_list_item_calculation.horizon_a_split_warehouse_ids IS
    'Horizon-A split: the source warehouses in the order the waterfall took them (lead time, then larger surplus, then id)';
COMMENT ON COLUMN public.needs_list_item_calculation.horizon_a_split_qtys IS
    'Horizon-A split: the quantity from each source (same position as horizon_a_split_warehouse_ids)';
COMMENT ON COLUMN public.needs_list_item_calculation.horizon_a_split_lead_time_hours IS
    'Horizon-A split: each source''s lead time in hours (same position)';
COMMENT ON COLUMN public.needs_list_item_calculation.horizon_a_split_arrivals IS
    'Horizon-A split: each source''s expected arrival, UTC (same position)';

DO $move$
BEGIN
    IF to_regclass('public.needs_list_item_source') IS NOT NULL THEN
        UPDATE public.needs_list_item_calculation c
           SET horizon_a_split_warehouse_ids = s.warehouse_ids,
               horizon_a_split_qtys = s.qtys,
               horizon_a_split_lead_time_hours = s.lead_times,
               horizon_a_split_arrivals = s.arrivals
          FROM (SELECT needs_list_item_id,
                       array_agg(source_warehouse_id ORDER BY allocation_seq) AS warehouse_ids,
                       array_agg(qty ORDER BY allocation_seq) AS qtys,
                       array_agg(lead_time_hours ORDER BY allocation_seq) AS lead_times,
                       array_agg(expected_arrival ORDER BY allocation_seq) AS arrivals
                  FROM public.needs_list_item_source
                 GROUP BY needs_list_item_id) s
         WHERE c.needs_list_item_id = s.needs_list_item_id;
        DROP TABLE public.needs_list_item_source;
    END IF;
END
$move$;

CREATE OR REPLACE VIEW public.v_needs_list_item_source AS
SELECT c.needs_list_item_id,
       s.source_warehouse_id,
       s.allocation_seq::SMALLINT AS allocation_seq,
       s.qty,
       s.lead_time_hours,
       s.expected_arrival
  FROM public.needs_list_item_calculation c
 CROSS JOIN LATERAL unnest(c.horizon_a_split_warehouse_ids, c.horizon_a_split_qtys,
                           c.horizon_a_split_lead_time_hours, c.horizon_a_split_arrivals)
       WITH ORDINALITY AS s(source_warehouse_id, qty, lead_time_hours, expected_arrival, allocation_seq);

COMMENT ON VIEW public.v_needs_list_item_source IS
    'Horizon-A split of a needs-list line as rows: every source warehouse with its quantity, lead time and expected arrival, in allocation order';

-- =============================================================================
-- V14: a needs-list line keeps its adjusted split beside the calculated one; generating
-- and adjusting a list are stream events too.
--
-- Adjusting a line re-runs its waterfall over its own sources and pledges (SPEC 4): the
-- adjusted quantity per horizon and, parallel to V9's and V10's split arrays (same length,
-- same order), the quantity each source and pledge keeps (0 when the cut took it all).
-- NULL: the line was never adjusted and holds its calculated split. The adjusted split is
-- what the list holds at sources and pledges and what transfers and procurement use.
--
-- v_needs_list_item_source and v_needs_list_item_pledge get held_qty: the adjusted share
-- where there is one, else the calculated one. They still read only the calculation
-- table, so the guide's selective rollback is unaffected.
--
-- needs_list_audit_is_stream_event: besides status changes, reminders and escalations,
-- the CREATED row of a generated list (field needs_list_no) and a line adjustment
-- (field adjusted_qty) are numbered in commit order and notified (V12's triggers).
-- =============================================================================

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.needs_list_item_calculation
    ADD COLUMN IF NOT EXISTS adjusted_horizon_a_qty        NUMERIC(15,2),
    ADD COLUMN IF NOT EXISTS adjusted_horizon_b_qty        NUMERIC(15,2),
    ADD COLUMN IF NOT EXISTS adjusted_horizon_c_qty        NUMERIC(15,2),
    ADD COLUMN IF NOT EXISTS adjusted_horizon_a_split_qtys NUMERIC(15,2)[],
    ADD COLUMN IF NOT EXISTS adjusted_horizon_b_split_qtys NUMERIC(15,2)[];

ALTER TABLE public.needs_list_item_calculation
    DROP CONSTRAINT IF EXISTS c_needs_list_item_calculation_adjusted_split,
    ADD CONSTRAINT c_needs_list_item_calculation_adjusted_split CHECK (
        (adjusted_horizon_a_qty IS NULL OR adjusted_horizon_a_qty >= 0)
        AND (adjusted_horizon_b_qty IS NULL OR adjusted_horizon_b_qty >= 0)
        AND (adjusted_horizon_c_qty IS NULL OR adjusted_horizon_c_qty >= 0)
        AND (adjusted_horizon_a_split_qtys IS NULL
             OR (cardinality(adjusted_horizon_a_split_qtys) = cardinality(horizon_a_split_qtys)
                 AND (0.00 <= ALL (adjusted_horizon_a_split_qtys)) IS TRUE))
        AND (adjusted_horizon_b_split_qtys IS NULL
             OR (cardinality(adjusted_horizon_b_split_qtys) = cardinality(horizon_b_split_qtys)
                 AND (0.00 <= ALL (adjusted_horizon_b_split_qtys)) IS TRUE)));

COMMENT ON COLUMN public.needs_list_item_calculation.adjusted_horizon_a_qty IS
    'Adjusted lines: horizon A after the adjusted quantity re-ran the waterfall; NULL when not adjusted';
COMMENT ON COLUMN public.needs_list_item_calculation.adjusted_horizon_b_qty IS
    'Adjusted lines: horizon B after the adjusted quantity re-ran the waterfall; NULL when not adjusted';
COMMENT ON COLUMN public.needs_list_item_calculation.adjusted_horizon_c_qty IS
    'Adjusted lines: horizon C after the adjusted quantity re-ran the waterfall; NULL when not adjusted';
COMMENT ON COLUMN public.needs_list_item_calculation.adjusted_horizon_a_split_qtys IS
    'Adjusted lines: what each source of horizon_a_split_warehouse_ids keeps (same position); NULL when not adjusted';
COMMENT ON COLUMN public.needs_list_item_calculation.adjusted_horizon_b_split_qtys IS
    'Adjusted lines: what each pledge of horizon_b_split_donation_ids keeps (same position); NULL when not adjusted';

CREATE OR REPLACE VIEW public.v_needs_list_item_source AS
SELECT c.needs_list_item_id,
       s.source_warehouse_id,
       s.allocation_seq::SMALLINT AS allocation_seq,
       s.qty,
       s.lead_time_hours,
       s.expected_arrival,
       coalesce(c.adjusted_horizon_a_split_qtys[s.allocation_seq], s.qty) AS held_qty
  FROM public.needs_list_item_calculation c
 CROSS JOIN LATERAL unnest(c.horizon_a_split_warehouse_ids, c.horizon_a_split_qtys,
                           c.horizon_a_split_lead_time_hours, c.horizon_a_split_arrivals)
       WITH ORDINALITY AS s(source_warehouse_id, qty, lead_time_hours, expected_arrival, allocation_seq);

COMMENT ON VIEW public.v_needs_list_item_source IS
    'Horizon-A split of a needs-list line as rows: every source warehouse with its calculated quantity, lead time and expected arrival, in allocation order, and what the list holds there (held_qty: the adjusted share when adjusted)';

CREATE OR REPLACE VIEW public.v_needs_list_item_pledge AS
SELECT c.needs_list_item_id,
       s.donation_id,
       s.allocation_seq::SMALLINT AS allocation_seq,
       s.qty,
       coalesce(c.adjusted_horizon_b_split_qtys[s.allocation_seq], s.qty) AS held_qty
  FROM public.needs_list_item_calculation c
 CROSS JOIN LATERAL unnest(c.horizon_b_split_donation_ids, c.horizon_b_split_qtys)
       WITH ORDINALITY AS s(donation_id, qty, allocation_seq);

COMMENT ON VIEW public.v_needs_list_item_pledge IS
    'Horizon-B split of a needs-list line as rows: every donation line it draws on with its calculated quantity, oldest pledge first, and what the list holds there (held_qty: the adjusted share when adjusted)';

CREATE OR REPLACE FUNCTION public.needs_list_audit_is_stream_event(p_field_name VARCHAR, p_reason_code VARCHAR)
RETURNS BOOLEAN
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT coalesce(p_field_name IN ('status_code', 'needs_list_no', 'adjusted_qty'), false)
           OR coalesce(p_reason_code IN ('REMINDER', 'ESCALATED'), false)
$$;

COMMENT ON FUNCTION public.needs_list_audit_is_stream_event(VARCHAR, VARCHAR) IS 'True for the needs_list_audit rows streamed by WatchNeedsListEvents (status changes, generation, adjustments, reminders, escalations)';

-- =============================================================================
-- V10: horizon B names the pledges it draws on; a stocked-out line keeps its demand window.
--
-- A line's horizon-B split is kept on its calculation row as two parallel arrays in
-- drawing order (oldest pledge first, then donation id), like V9's horizon-A split:
-- the donation lines (donation_item: donation_id and the line's item) and the quantity
-- drawn from each. Open needs lists (pending, under review, approved, in progress) hold
-- what they drew, so every other warehouse's calculation sees only the rest of a pledge.
--
-- The arrays' check: same length, no NULL, positive donation ids and quantities. As
-- for V9, the donations are not foreign keys: they are donation lines the calculation
-- read in the same transaction, and a legacy donation is never deleted while pledged.
--
-- demand_window_end: for a line whose item was out of stock, the end of the window its
-- demand was measured in (its last dispatch; SPEC 3.3), so what was shown can be explained.
--
-- v_needs_list_item_pledge shows the split as rows (allocation order as allocation_seq)
-- and reads only the calculation table, so the guide's selective rollback is unaffected.
-- =============================================================================

SET LOCAL lock_timeout = '5s';

ALTER TABLE public.needs_list_item_calculation
    ADD COLUMN IF NOT EXISTS horizon_b_split_donation_ids INTEGER[] NOT NULL DEFAULT '{}',
    ADD COLUMN IF NOT EXISTS horizon_b_split_qtys         NUMERIC(15,2)[] NOT NULL DEFAULT '{}',
    ADD COLUMN IF NOT EXISTS demand_window_end            TIMESTAMP(0) WITHOUT TIME ZONE;

ALTER TABLE public.needs_list_item_calculation
    DROP CONSTRAINT IF EXISTS c_needs_list_item_calculation_pledge_split,
    ADD CONSTRAINT c_needs_list_item_calculation_pledge_split CHECK (
        cardinality(horizon_b_split_qtys) = cardinality(horizon_b_split_donation_ids)
        AND (0 < ALL (horizon_b_split_donation_ids)) IS TRUE
        AND (0.00 < ALL (horizon_b_split_qtys)) IS TRUE);

COMMENT ON COLUMN public.needs_list_item_calculation.horizon_b_split_donation_ids IS
    'Horizon-B split: the donations whose line for this item the list draws on, oldest pledge first';
COMMENT ON COLUMN public.needs_list_item_calculation.horizon_b_split_qtys IS
    'Horizon-B split: the quantity drawn from each donation line (same position as horizon_b_split_donation_ids)';
COMMENT ON COLUMN public.needs_list_item_calculation.demand_window_end IS
    'Out-of-stock lines: the end (the last dispatch, UTC) of the demand window the burn rate was measured in; NULL when it ends at the calculation moment';

CREATE OR REPLACE VIEW public.v_needs_list_item_pledge AS
SELECT c.needs_list_item_id,
       s.donation_id,
       s.allocation_seq::SMALLINT AS allocation_seq,
       s.qty
  FROM public.needs_list_item_calculation c
 CROSS JOIN LATERAL unnest(c.horizon_b_split_donation_ids, c.horizon_b_split_qtys)
       WITH ORDINALITY AS s(donation_id, qty, allocation_seq);

COMMENT ON VIEW public.v_needs_list_item_pledge IS
    'Horizon-B split of a needs-list line as rows: every donation line (the donation, the line''s item) it draws on, with its quantity, oldest pledge first';

-- =============================================================================
-- V15: what each needs-list line has received, per horizon, read from where it happens.
--
-- v_needs_list_line_receipt: one row per needs-list line with
--   received_a_qty  the list's transfers (transfer.needs_list_id) that arrived: status C
--                   (completed) or V (verified) with received_at set; their lines' quantities
--                   of the line's item. The DMIS main application writes these rows with plain
--                   UPDATEs; the service's ReceiveTransfer writes the same columns.
--   received_b_qty  the line's horizon-B split (the pledged donations it draws on) for those
--                   donations whose intake at the list's warehouse is verified (dnintake V):
--                   the quantity the split drew from each such donation.
--   received_c_qty  procurement receipts, as needs_list_item.fulfilled_qty has always held.
--
-- A view, not a table: nothing to keep in step with the legacy tables, so a receipt counts
-- the moment it commits, whoever wrote it. It reads needs_list_item, so the guide's
-- selective rollback (DROP TABLE needs_list_item CASCADE) drops it before it drops the
-- transfer columns it reads; rollback_ep02.sql drops it explicitly.
-- =============================================================================

SET LOCAL lock_timeout = '5s';

CREATE OR REPLACE VIEW public.v_needs_list_line_receipt AS
SELECT nli.needs_list_id,
       nli.needs_list_item_id,
       nli.item_id,
       coalesce((SELECT sum(ti.item_qty)
                   FROM public.transfer t
                   JOIN public.transfer_item ti ON ti.transfer_id = t.transfer_id
                  WHERE t.needs_list_id = nli.needs_list_id
                    AND t.status_code IN ('C', 'V')
                    AND t.received_at IS NOT NULL
                    AND ti.item_id = nli.item_id), 0)::NUMERIC(15,2) AS received_a_qty,
       coalesce((SELECT sum(s.qty)
                   FROM public.needs_list_item_calculation c
                  CROSS JOIN LATERAL unnest(c.horizon_b_split_donation_ids, c.horizon_b_split_qtys) AS s(donation_id, qty)
                  WHERE c.needs_list_item_id = nli.needs_list_item_id
                    AND EXISTS (SELECT 1
                                  FROM public.dnintake di
                                 WHERE di.donation_id = s.donation_id
                                   AND di.inventory_id = nl.warehouse_id
                                   AND di.status_code = 'V')), 0)::NUMERIC(15,2) AS received_b_qty,
       nli.fulfilled_qty::NUMERIC(15,2) AS received_c_qty
  FROM public.needs_list_item nli
  JOIN public.needs_list nl ON nl.needs_list_id = nli.needs_list_id;

COMMENT ON VIEW public.v_needs_list_line_receipt IS
    'Per needs-list line, what arrived per horizon: A received transfers of the list, B pledges of its split verified at the list''s warehouse, C procurement receipts';

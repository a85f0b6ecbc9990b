-- Demo data for the README's run command (event 3 is for trying phase changes). Times are relative to now (UTC), so the data is
-- always current. Event 1 (a hurricane in SURGE) at warehouse 1 previews with:
--  * BOTTLED WATER: CRITICAL (200 usable, 50/h), horizon A split across warehouses 2 and 3,
--    horizon B split over two pledges (the older first), the rest in horizon C;
--  * ORS SACHETS: out of stock since their last dispatch 14 h ago, so their demand is measured over the
--    6 h before it (120 in 6 h -> 20/h, ESTIMATED, STOCKED_OUT), partly transferable from Montego Bay;
--  * TARPAULIN: CRITICAL, nothing transferable (the only holder is offline), shipped procurement inbound;
--  * FOOD KIT: WATCH, a verified donation in transit, covered partly from warehouse 3;
--  * HYGIENE KIT: sufficient coverage.
-- Older packages give BASELINE what-ifs (720 h window) a demand too.

INSERT INTO country (country_id, country_name) VALUES (1, 'JAMAICA');

INSERT INTO event (event_id, event_type, event_name, event_desc, impact_desc, start_date, status_code,
                   current_phase, phase_changed_at, phase_changed_by, create_by_id, update_by_id)
VALUES (1, 'HURRICANE', 'HURRICANE MELISSA', 'Category 4 hurricane, south coast landfall',
        'Widespread flooding and power loss', (now() AT TIME ZONE 'UTC')::date - 2, 'A',
        'SURGE', (now() AT TIME ZONE 'UTC') - interval '30 hours', 'demo', 'demo', 'demo'),
       (2, 'FLOOD', 'ST THOMAS FLOODS', 'River flooding after heavy rain', 'Roads cut in the east',
        (now() AT TIME ZONE 'UTC')::date - 40, 'A', 'BASELINE', NULL, NULL, 'demo', 'demo'),
       (3, 'STORM', 'TROPICAL STORM NADINE', 'Forecast to pass north of the island', 'None yet',
        (now() AT TIME ZONE 'UTC')::date, 'A', 'BASELINE', NULL, NULL, 'demo', 'demo');

INSERT INTO warehouse (warehouse_id, warehouse_name, warehouse_type, parish_code, status_code,
                       min_stock_threshold, last_sync_dtime, create_by_id, update_by_id)
VALUES (1, 'KINGSTON CENTRAL', 'MAIN-HUB', '01', 'A', 100, (now() AT TIME ZONE 'UTC') - interval '30 minutes', 'demo', 'demo'),
       (2, 'MONTEGO BAY HUB', 'MAIN-HUB', '08', 'A', 200, (now() AT TIME ZONE 'UTC') - interval '1 hour', 'demo', 'demo'),
       (3, 'MANDEVILLE DEPOT', 'SUB-HUB', '12', 'A', 100, (now() AT TIME ZONE 'UTC') - interval '3 hours', 'demo', 'demo'),
       (4, 'PORT ANTONIO DEPOT', 'SUB-HUB', '04', 'A', 100, (now() AT TIME ZONE 'UTC') - interval '10 hours', 'demo', 'demo');

INSERT INTO item (item_id, item_code, item_name, default_uom_code, status_code, baseline_burn_rate,
                  min_stock_threshold, criticality_level, create_by_id, update_by_id)
VALUES (1, 'WATER-5GAL', 'BOTTLED WATER 5 GAL', 'EA', 'A', 2, 0, 'CRITICAL', 'demo', 'demo'),
       (2, 'FOOD-KIT', 'FAMILY FOOD KIT', 'KIT', 'A', 1, 0, 'HIGH', 'demo', 'demo'),
       (3, 'TARP-12X16', 'TARPAULIN 12X16 FT', 'EA', 'A', 1, 0, 'HIGH', 'demo', 'demo'),
       (4, 'HYGIENE-KIT', 'HYGIENE KIT', 'KIT', 'A', 0.5, 2500, 'NORMAL', 'demo', 'demo'),
       (5, 'ORS-SACHET', 'ORAL REHYDRATION SALTS SACHET', 'EA', 'A', 0, 0, 'CRITICAL', 'demo', 'demo');

-- Stock: (warehouse, item, usable, reserved, unit value in JMD).
INSERT INTO inventory (inventory_id, item_id, usable_qty, reserved_qty, defective_qty, expired_qty, uom_code,
                       status_code, create_by_id, update_by_id)
SELECT w, i, usable, reserved, 0, 0, uom, 'A', 'demo', 'demo'
  FROM (VALUES (1, 1, 250, 50, 'EA'), (1, 2, 700, 0, 'KIT'), (1, 3, 50, 0, 'EA'), (1, 4, 2000, 0, 'KIT'), (1, 5, 0, 0, 'EA'),
               (2, 1, 1500, 0, 'EA'), (2, 2, 150, 0, 'KIT'), (2, 4, 500, 0, 'KIT'), (2, 5, 600, 0, 'EA'),
               (3, 1, 800, 0, 'EA'), (3, 2, 400, 0, 'KIT'), (3, 4, 100, 0, 'KIT'),
               (4, 1, 3000, 0, 'EA'), (4, 3, 5000, 0, 'EA')) AS s(w, i, usable, reserved, uom);

INSERT INTO itembatch (inventory_id, item_id, batch_no, batch_date, expiry_date, usable_qty, reserved_qty,
                       uom_code, avg_unit_value, status_code, create_by_id, update_by_id)
SELECT inv.inventory_id, inv.item_id, 'DEMO-' || inv.inventory_id || '-' || inv.item_id,
       (now() AT TIME ZONE 'UTC')::date - 60, (now() AT TIME ZONE 'UTC')::date + 300 + inv.inventory_id,
       inv.usable_qty, inv.reserved_qty, inv.uom_code,
       CASE inv.item_id WHEN 1 THEN 850 WHEN 2 THEN 6500 WHEN 3 THEN 4200 WHEN 4 THEN 2300 ELSE 45 END, 'A', 'demo', 'demo'
  FROM inventory inv;

-- Fulfilments of event 1, one request and package each: (id, request status, package status, hours ago,
-- from warehouse, item, qty). Event 2 follows below.
CREATE TEMP TABLE demo_fulfilment (id INTEGER, rq_status SMALLINT, pkg_status CHAR(1), hours_ago NUMERIC, fr INTEGER,
                                   item INTEGER, qty NUMERIC, ev INTEGER DEFAULT 1) ON COMMIT DROP;
INSERT INTO demo_fulfilment (id, rq_status, pkg_status, hours_ago, fr, item, qty) VALUES
    (1, 3, 'D', 1, 1, 1, 120), (2, 3, 'R', 3, 1, 1, 100), (3, 3, 'D', 5, 1, 1, 80),  -- water: 300 in 6 h -> 50/h
    (4, 3, 'D', 2, 1, 2, 40),  (5, 3, 'R', 4, 1, 2, 20),                            -- food kits: 60 in 6 h -> 10/h
    (6, 3, 'D', 1, 1, 3, 70),  (7, 3, 'D', 4, 1, 3, 50),                            -- tarps: 120 in 6 h -> 20/h
    (8, 3, 'D', 2, 2, 1, 24),                                                       -- water leaves Montego Bay too
    (9, 4, 'D', 2, 1, 1, 500),                                                      -- denied request: not demand
    (10, 3, 'P', 2, 1, 1, 400),                                                     -- not dispatched: not demand
    (11, 3, 'R', 100, 1, 1, 3000), (12, 3, 'R', 200, 1, 3, 1000), (13, 3, 'R', 300, 1, 2, 2000), -- BASELINE demand
    (17, 3, 'D', 14, 1, 5, 40), (18, 3, 'R', 16, 1, 5, 40), (19, 3, 'R', 19, 1, 5, 40);  -- ORS: last out 14 h ago

-- Event 2 (floods, BASELINE): MANDEVILLE hands out hygiene kits, 720 in 30 days -> 1/h. No warehouse
-- holds kits above the item's 2,500 threshold and nothing is pledged, so its needs list is all
-- horizon C: the README walks it from generation to FULFILLED.
INSERT INTO demo_fulfilment (id, rq_status, pkg_status, hours_ago, fr, item, qty, ev) VALUES
    (14, 3, 'R', 24, 3, 4, 240, 2), (15, 3, 'R', 200, 3, 4, 240, 2), (16, 3, 'R', 400, 3, 4, 240, 2);

INSERT INTO reliefrqst (reliefrqst_id, eligible_event_id, request_date, urgency_ind, status_code, create_by_id, update_by_id)
SELECT id, ev, (now() AT TIME ZONE 'UTC')::date, 'H', rq_status, 'demo', 'demo' FROM demo_fulfilment;

INSERT INTO reliefpkg (reliefpkg_id, reliefrqst_id, to_inventory_id, eligible_event_id, dispatch_dtime, status_code,
                       create_by_id, update_by_id)
SELECT id, id, fr, ev, (now() AT TIME ZONE 'UTC') - make_interval(secs => hours_ago * 3600), pkg_status, 'demo', 'demo'
  FROM demo_fulfilment;

INSERT INTO reliefpkg_item (reliefpkg_id, fr_inventory_id, batch_id, item_id, item_qty, uom_code, create_by_id, update_by_id)
SELECT f.id, f.fr, b.batch_id, f.item, f.qty, b.uom_code, 'demo', 'demo'
  FROM demo_fulfilment f
  JOIN itembatch b ON b.inventory_id = f.fr AND b.item_id = f.item;

-- Inbound to Kingston: a dispatched transfer of 200 water (counts), a pending one of 300 (does not).
INSERT INTO transfer (transfer_id, fr_inventory_id, to_inventory_id, eligible_event_id, transfer_date, reason_text,
                      status_code, dispatched_at, dispatched_by, expected_arrival, create_by_id, update_by_id)
VALUES (1, 3, 1, 1, (now() AT TIME ZONE 'UTC')::date, 'Surge top-up', 'D',
        (now() AT TIME ZONE 'UTC') - interval '2 hours', 'demo', (now() AT TIME ZONE 'UTC') + interval '4 hours', 'demo', 'demo'),
       (2, 2, 1, 1, (now() AT TIME ZONE 'UTC')::date, 'Requested, not dispatched', 'P', NULL, NULL, NULL, 'demo', 'demo');
INSERT INTO transfer_item (transfer_id, item_id, batch_id, inventory_id, item_qty, uom_code, create_by_id, update_by_id)
SELECT 1, 1, batch_id, 3, 200, 'EA', 'demo', 'demo' FROM itembatch WHERE inventory_id = 3 AND item_id = 1
UNION ALL
SELECT 2, 1, batch_id, 2, 300, 'EA', 'demo', 'demo' FROM itembatch WHERE inventory_id = 2 AND item_id = 1;

-- Donations: a verified one in transit to Kingston (counts as inbound), two water pledges (horizon B draws on
-- the older one first).
INSERT INTO donation (donation_id, event_id, donation_desc, received_date, status_code, create_by_id, update_by_id)
VALUES (1, 1, 'Food kits from the Red Cross, verified, on the road', (now() AT TIME ZONE 'UTC')::date, 'V', 'demo', 'demo'),
       (2, 1, 'Water pledged by a bottling company', (now() AT TIME ZONE 'UTC')::date - 1, 'E', 'demo', 'demo'),
       (3, 1, 'Water pledged by the Rotary Club', (now() AT TIME ZONE 'UTC')::date, 'E', 'demo', 'demo');
INSERT INTO donation_item (donation_id, item_id, item_qty, uom_code, status_code, create_by_id, update_by_id)
VALUES (1, 2, 100, 'KIT', 'V', 'demo', 'demo'),
       (2, 1, 600, 'EA', 'P', 'demo', 'demo'),
       (3, 1, 400, 'EA', 'P', 'demo', 'demo');
INSERT INTO dnintake (donation_id, inventory_id, intake_date, status_code, create_by_id, update_by_id)
VALUES (1, 1, (now() AT TIME ZONE 'UTC')::date, 'I', 'demo', 'demo');

-- Suppliers and a route lead time: Montego Bay reaches Kingston in 6 h (default A is 8 h).
INSERT INTO supplier (supplier_code, supplier_name, contact_name, phone_no, parish_code, country_id,
                      default_lead_time_days, is_framework_supplier, framework_contract_no, framework_expiry_date,
                      create_by_id, update_by_id)
VALUES ('CARIBSUPPLY', 'CARIBBEAN RELIEF SUPPLIES LTD', 'Andre Brown', '876-555-0100', '01', 1, 10, TRUE, 'FW-2026-014',
        (now() AT TIME ZONE 'UTC')::date + 200, 'demo', 'demo'),
       ('ISLANDTARP', 'ISLAND TARPAULIN CO', 'Marcia Reid', '876-555-0142', '13', 1, 14, FALSE, NULL, NULL, 'demo', 'demo');
INSERT INTO lead_time_config (horizon, from_warehouse_id, to_warehouse_id, lead_time_hours, is_default, effective_from,
                              create_by_id, update_by_id)
VALUES ('A', 2, 1, 6, FALSE, (now() AT TIME ZONE 'UTC')::date - 30, 'demo', 'demo');

-- Shipped procurement of 300 tarps for Kingston (inbound), and an approved, unshipped one (not inbound).
INSERT INTO procurement (procurement_no, event_id, target_warehouse_id, supplier_id, procurement_method, po_number,
                         total_value, status_code, approved_at, approved_by, approval_threshold_tier, shipped_at,
                         expected_arrival, create_by_id, update_by_id)
SELECT 'PR-1-DEMO-001', 1, 1, supplier_id, 'SINGLE_SOURCE', 'PO-88121', 1260000, 'SHIPPED',
       (now() AT TIME ZONE 'UTC') - interval '20 hours', 'demo', 'TIER_1', (now() AT TIME ZONE 'UTC') - interval '6 hours',
       (now() AT TIME ZONE 'UTC') + interval '30 hours', 'demo', 'demo'
  FROM supplier WHERE supplier_code = 'ISLANDTARP'
UNION ALL
SELECT 'PR-1-DEMO-002', 1, 1, supplier_id, 'SINGLE_SOURCE', NULL, 420000, 'APPROVED',
       (now() AT TIME ZONE 'UTC') - interval '2 hours', 'demo', 'TIER_1', NULL, NULL, 'demo', 'demo'
  FROM supplier WHERE supplier_code = 'ISLANDTARP';
INSERT INTO procurement_item (procurement_id, item_id, ordered_qty, unit_price, line_total, uom_code, received_qty,
                              status_code, create_by_id, update_by_id)
SELECT procurement_id, 3, CASE procurement_no WHEN 'PR-1-DEMO-001' THEN 300 ELSE 100 END, 4200,
       CASE procurement_no WHEN 'PR-1-DEMO-001' THEN 1260000 ELSE 420000 END, 'EA', 0, 'PENDING', 'demo', 'demo'
  FROM procurement;

-- Explicit ids above: move the identity sequences past them.
SELECT setval(pg_get_serial_sequence('public.' || t, c), 100)
  FROM (VALUES ('event', 'event_id'), ('warehouse', 'warehouse_id'), ('item', 'item_id'), ('transfer', 'transfer_id'),
               ('donation', 'donation_id'), ('country', 'country_id'), ('reliefrqst', 'reliefrqst_id'),
               ('reliefpkg', 'reliefpkg_id')) AS s(t, c);

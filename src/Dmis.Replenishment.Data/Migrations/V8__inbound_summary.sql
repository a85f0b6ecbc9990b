-- =============================================================================
-- V8: an exact, incrementally maintained summary of confirmed inbound stock from
-- donations and procurement, per warehouse and item.
--
-- Confirmed inbound (SPEC 3.8) is the sum of v_inbound_stock per warehouse, item and
-- source. Summing the view's DONATION and PROCUREMENT branches for one busy warehouse
-- reads thousands of open documents per calculation; this keeps their sums instead.
-- The TRANSFER branch is still read from the view: the only trigger that could follow
-- it would have to read transfer.received_at, an EP-02 column that the guide's Option 2
-- rollback drops, after which that trigger would fail the main application's transfer
-- writes.
--
-- The rule is the view's, written once (inbound_summary_current below):
--   DONATION     a (donation, donation_item, dnintake) triple adds item_qty at the
--                intake's warehouse when the donation and the item are verified (V), the
--                intake is not (status <> 'V') and item_qty > 0;
--   PROCUREMENT  a procurement_item adds ordered_qty - received_qty at its procurement's
--                target warehouse when the procurement is SHIPPED or PARTIAL_RECEIVED, the
--                line is neither RECEIVED nor CANCELLED and something is still to come.
-- Every quantity involved has two decimals, so these sums equal the view's NUMERIC(15,2) rows.
--
-- Write path. A donation's figure depends on rows of three tables, a procurement's on
-- two, and one statement may change several of them at once (a CTE inserting a
-- procurement and its lines, or receiving lines and the procurement together), so no
-- trigger adds or takes away "its" row's share. Instead, statement triggers name the
-- DOCUMENTS a statement touched; inbound_summary_refresh() locks them, recomputes each
-- one's figure from its current rows, and appends the difference from the figure last
-- recorded for it (inbound_summary_recorded) to inbound_summary_delta. Refreshing a
-- document twice changes nothing, so every table's trigger may refresh it.
-- inbound_summary_compact() folds the deltas into inbound_summary; the true figure of a
-- key is its inbound_summary row plus the sum of its delta rows. Only the writers of one
-- document wait on each other, never two documents' writers.
--
-- The triggers on the legacy donation tables read legacy columns only; procurement's go
-- with its tables when EP-02 is rolled back. Like the main application, they expect
-- READ COMMITTED: they recompute from what is committed once their lock is granted.
-- =============================================================================

-- Derived data, rebuilt at will (inbound_summary_rebuild): no audit columns and no
-- foreign keys, like fulfilment_hourly. contributions counts the triples or lines behind
-- a key, so that a key whose documents have all arrived is removed, whatever its sum.
CREATE TABLE public.inbound_summary (
    warehouse_id   INTEGER NOT NULL,
    item_id        INTEGER NOT NULL,
    source_type    VARCHAR(12) NOT NULL,
    inbound_qty    NUMERIC(19,2) NOT NULL,
    contributions  INTEGER NOT NULL,
    -- A calculation reads one warehouse's keys: an index-only range.
    CONSTRAINT pk_inbound_summary PRIMARY KEY (warehouse_id, item_id, source_type)
        INCLUDE (inbound_qty, contributions),
    CONSTRAINT c_inbound_summary_source CHECK (source_type IN ('DONATION', 'PROCUREMENT'))
);

-- Append-only signed deltas, written by the refreshes, folded by inbound_summary_compact().
CREATE TABLE public.inbound_summary_delta (
    delta_id       BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
    warehouse_id   INTEGER NOT NULL,
    item_id        INTEGER NOT NULL,
    source_type    VARCHAR(12) NOT NULL,
    inbound_qty    NUMERIC(19,2) NOT NULL,
    contributions  INTEGER NOT NULL,
    CONSTRAINT pk_inbound_summary_delta PRIMARY KEY (delta_id)
);

CREATE INDEX idx_inbound_summary_delta_warehouse ON public.inbound_summary_delta
    (warehouse_id) INCLUDE (item_id, source_type, inbound_qty, contributions);

-- What each open document adds, per warehouse and item, as last recorded by a refresh.
CREATE TABLE public.inbound_summary_recorded (
    source_type    VARCHAR(12) NOT NULL,
    document_id    INTEGER NOT NULL,
    warehouse_id   INTEGER NOT NULL,
    item_id        INTEGER NOT NULL,
    inbound_qty    NUMERIC(19,2) NOT NULL,
    contributions  INTEGER NOT NULL,
    CONSTRAINT pk_inbound_summary_recorded PRIMARY KEY (source_type, document_id, warehouse_id, item_id)
);

-- THE rule: what the given documents of one source add now, per document, warehouse and
-- item (no row for a document that adds nothing, or no longer exists). PL/pgSQL, not SQL:
-- it plans only the branch of the source asked for, so refreshing a donation never reads
-- public.procurement, which the guide's Option 2 rollback drops while DMIS keeps writing
-- donations. (A SQL function is parsed whole: its procurement branch would fail those writes.)
CREATE FUNCTION public.inbound_summary_current(source VARCHAR, document_ids INTEGER[])
RETURNS TABLE (document_id INTEGER, warehouse_id INTEGER, item_id INTEGER, inbound_qty NUMERIC, contributions INTEGER)
LANGUAGE plpgsql STABLE
-- Planned once per session, not per call: a trigger calls it with one or a few ids, for which
-- the generic plan (index lookups) is the right one, and planning these joins on every write
-- cost more than running them (about 1.5 ms of a donation write's 2.3 ms).
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    IF source = 'DONATION' THEN
        RETURN QUERY
        SELECT d.donation_id, dni.inventory_id, di.item_id, sum(di.item_qty), count(*)::int
          FROM public.donation d
          JOIN public.donation_item di ON di.donation_id = d.donation_id
          JOIN public.dnintake dni ON dni.donation_id = d.donation_id
         WHERE d.donation_id = ANY (document_ids)
           AND d.status_code = 'V'
           AND di.status_code = 'V'
           AND dni.status_code <> 'V'
           AND di.item_qty > 0
         GROUP BY d.donation_id, dni.inventory_id, di.item_id;
    ELSIF source = 'PROCUREMENT' THEN
        RETURN QUERY
        SELECT p.procurement_id, p.target_warehouse_id, pi.item_id, sum(pi.ordered_qty - pi.received_qty), count(*)::int
          FROM public.procurement p
          JOIN public.procurement_item pi ON pi.procurement_id = p.procurement_id
         WHERE p.procurement_id = ANY (document_ids)
           AND p.status_code IN ('SHIPPED', 'PARTIAL_RECEIVED')
           AND pi.status_code NOT IN ('RECEIVED', 'CANCELLED')
           AND pi.ordered_qty - pi.received_qty > 0
         GROUP BY p.procurement_id, p.target_warehouse_id, pi.item_id;
    END IF;
END
$$;

-- Brings the given documents' recorded figures up to date, appending the differences as
-- deltas. The documents' header rows (donation, procurement) are locked FOR NO KEY UPDATE
-- first, in id order: whoever else is changing one of them finishes first, and the
-- recomputation below, a new statement, sees what they committed. (The foreign keys'
-- FOR KEY SHARE does not conflict with that lock: adding items to different documents
-- never waits.) A document deleted meanwhile has no current figure: its recorded one is
-- taken away.
CREATE FUNCTION public.inbound_summary_refresh(source VARCHAR, document_ids INTEGER[])
RETURNS void
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    IF cardinality(document_ids) = 0 THEN
        RETURN;
    END IF;

    IF source = 'DONATION' THEN
        PERFORM 1 FROM public.donation d WHERE d.donation_id = ANY (document_ids)
         ORDER BY d.donation_id FOR NO KEY UPDATE;
    ELSE
        PERFORM 1 FROM public.procurement p WHERE p.procurement_id = ANY (document_ids)
         ORDER BY p.procurement_id FOR NO KEY UPDATE;
    END IF;

    -- The documents cannot change between these statements: any other writer of one of
    -- them needs its lock, held here until commit, before its statement completes.
    INSERT INTO public.inbound_summary_delta (warehouse_id, item_id, source_type, inbound_qty, contributions)
    SELECT c.warehouse_id, c.item_id, source, sum(c.inbound_qty), sum(c.contributions)
      FROM (SELECT n.warehouse_id, n.item_id, n.inbound_qty, n.contributions
              FROM public.inbound_summary_current(source, document_ids) n
            UNION ALL
            SELECT r.warehouse_id, r.item_id, -r.inbound_qty, -r.contributions
              FROM public.inbound_summary_recorded r
             WHERE r.source_type = source AND r.document_id = ANY (document_ids)) c
     GROUP BY c.warehouse_id, c.item_id
    HAVING sum(c.inbound_qty) <> 0 OR sum(c.contributions) <> 0;

    DELETE FROM public.inbound_summary_recorded r
     WHERE r.source_type = source AND r.document_id = ANY (document_ids);
    INSERT INTO public.inbound_summary_recorded (source_type, document_id, warehouse_id, item_id, inbound_qty, contributions)
    SELECT source, n.*
      FROM public.inbound_summary_current(source, document_ids) n;
END
$$;

-- -----------------------------------------------------------------------------
-- Triggers: one per table and kind of statement, each naming the documents its rows
-- belong to (before and after the change) and refreshing them. SECURITY DEFINER, as
-- V7's: the main application's role needs no privilege on the summary tables.
-- -----------------------------------------------------------------------------
CREATE FUNCTION public.inbound_summary_rows_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- TG_ARGV[0]: the source; TG_ARGV[1]: the column holding the document id.
    source      VARCHAR(12) := TG_ARGV[0];
    id_column   TEXT := TG_ARGV[1];
    ids         INTEGER[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', id_column) INTO ids;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', id_column) INTO ids;
    ELSE
        EXECUTE format('SELECT array_agg(DISTINCT id) FROM (SELECT %1$I AS id FROM old_rows UNION SELECT %1$I FROM new_rows) x',
                       id_column) INTO ids;
    END IF;
    PERFORM public.inbound_summary_refresh(source, coalesce(ids, '{}'));
    RETURN NULL;
END
$$;

-- Emptying a table the rule reads empties that source's documents.
CREATE FUNCTION public.inbound_summary_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    emptied_source VARCHAR(12) := TG_ARGV[0];
BEGIN
    DELETE FROM public.inbound_summary WHERE source_type = emptied_source;
    DELETE FROM public.inbound_summary_delta WHERE source_type = emptied_source;
    DELETE FROM public.inbound_summary_recorded WHERE source_type = emptied_source;
    RETURN NULL;
END
$$;

-- -----------------------------------------------------------------------------
-- Maintenance, as V7's.
-- -----------------------------------------------------------------------------

-- Empties the tables and recomputes every open document. TRUNCATE locks the tables
-- until commit, so the triggers of concurrent writes wait: whatever they changed is
-- either read below or refreshed after this commits, never both.
CREATE FUNCTION public.inbound_summary_rebuild() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    keys bigint;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'inbound_summary_rebuild() must run in READ COMMITTED, not %',
            current_setting('transaction_isolation');
    END IF;

    TRUNCATE public.inbound_summary, public.inbound_summary_delta, public.inbound_summary_recorded;
    INSERT INTO public.inbound_summary_recorded (source_type, document_id, warehouse_id, item_id, inbound_qty, contributions)
    SELECT 'DONATION', c.*
      FROM public.inbound_summary_current('DONATION', ARRAY(SELECT donation_id FROM public.donation)) c
    UNION ALL
    SELECT 'PROCUREMENT', c.*
      FROM public.inbound_summary_current('PROCUREMENT', ARRAY(SELECT procurement_id FROM public.procurement)) c;

    INSERT INTO public.inbound_summary (warehouse_id, item_id, source_type, inbound_qty, contributions)
    SELECT warehouse_id, item_id, source_type, sum(inbound_qty), sum(contributions)
      FROM public.inbound_summary_recorded
     GROUP BY warehouse_id, item_id, source_type;
    GET DIAGNOSTICS keys = ROW_COUNT;
    RETURN keys;
END
$$;

-- Folds the deltas into inbound_summary; returns how many delta rows it folded (0 when
-- another session is compacting: advisory lock hashtextextended('inbound_summary_compact', 0)).
-- One statement, one snapshot, as fulfilment_hourly_compact(). Keys left without any
-- contribution are removed.
CREATE FUNCTION public.inbound_summary_compact() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    folded_rows bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtextextended('inbound_summary_compact', 0)) THEN
        RETURN 0;
    END IF;

    WITH folded AS (
        DELETE FROM public.inbound_summary_delta
        RETURNING warehouse_id, item_id, source_type, inbound_qty, contributions
    ), per_key AS (
        SELECT warehouse_id, item_id, source_type,
               sum(inbound_qty) AS inbound_qty, sum(contributions)::int AS contributions
          FROM folded
         GROUP BY warehouse_id, item_id, source_type
    ), merged AS (
        SELECT k.*, coalesce(s.contributions, 0) + k.contributions AS new_contributions
          FROM per_key k
          LEFT JOIN public.inbound_summary s USING (warehouse_id, item_id, source_type)
         WHERE k.contributions <> 0 OR k.inbound_qty <> 0
    ), emptied AS (
        DELETE FROM public.inbound_summary s
         USING merged m
         WHERE (s.warehouse_id, s.item_id, s.source_type) = (m.warehouse_id, m.item_id, m.source_type)
           AND m.new_contributions = 0
    ), added AS (
        INSERT INTO public.inbound_summary AS s (warehouse_id, item_id, source_type, inbound_qty, contributions)
        SELECT warehouse_id, item_id, source_type, inbound_qty, contributions
          FROM merged
         WHERE new_contributions <> 0
         ORDER BY warehouse_id, item_id, source_type
        ON CONFLICT (warehouse_id, item_id, source_type) DO UPDATE
           SET inbound_qty = s.inbound_qty + excluded.inbound_qty,
               contributions = s.contributions + excluded.contributions
    )
    SELECT count(*) INTO folded_rows FROM folded;
    RETURN folded_rows;
END
$$;

-- -----------------------------------------------------------------------------
-- Wiring, then the backfill, with the five tables locked up front (writes to them wait
-- for this migration: a fraction of a second for the reference data set).
-- -----------------------------------------------------------------------------
LOCK TABLE public.donation, public.donation_item, public.dnintake, public.procurement, public.procurement_item
    IN SHARE ROW EXCLUSIVE MODE;

-- A new donation or procurement has no items yet, so only their updates and deletes are
-- followed; a donation's delete leaves nothing to refresh (its items and intakes, which
-- reference it without cascade, are gone by then, and their triggers refreshed it).
CREATE TRIGGER trg_inbound_summary_donation_update
    AFTER UPDATE ON public.donation REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('DONATION', 'donation_id');

CREATE TRIGGER trg_inbound_summary_donation_item_insert
    AFTER INSERT ON public.donation_item REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('DONATION', 'donation_id');

CREATE TRIGGER trg_inbound_summary_donation_item_update
    AFTER UPDATE ON public.donation_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('DONATION', 'donation_id');

CREATE TRIGGER trg_inbound_summary_donation_item_delete
    AFTER DELETE ON public.donation_item REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('DONATION', 'donation_id');

CREATE TRIGGER trg_inbound_summary_intake_insert
    AFTER INSERT ON public.dnintake REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('DONATION', 'donation_id');

CREATE TRIGGER trg_inbound_summary_intake_update
    AFTER UPDATE ON public.dnintake REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('DONATION', 'donation_id');

CREATE TRIGGER trg_inbound_summary_intake_delete
    AFTER DELETE ON public.dnintake REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('DONATION', 'donation_id');

CREATE TRIGGER trg_inbound_summary_procurement_update
    AFTER UPDATE ON public.procurement REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('PROCUREMENT', 'procurement_id');

-- Deleting a procurement deletes its lines (ON DELETE CASCADE); refreshing it afterwards
-- takes its recorded figure away whichever trigger runs last.
CREATE TRIGGER trg_inbound_summary_procurement_delete
    AFTER DELETE ON public.procurement REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('PROCUREMENT', 'procurement_id');

CREATE TRIGGER trg_inbound_summary_procurement_line_insert
    AFTER INSERT ON public.procurement_item REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('PROCUREMENT', 'procurement_id');

CREATE TRIGGER trg_inbound_summary_procurement_line_update
    AFTER UPDATE ON public.procurement_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('PROCUREMENT', 'procurement_id');

CREATE TRIGGER trg_inbound_summary_procurement_line_delete
    AFTER DELETE ON public.procurement_item REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_rows_changed('PROCUREMENT', 'procurement_id');

CREATE TRIGGER trg_inbound_summary_donation_truncate
    AFTER TRUNCATE ON public.donation
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated('DONATION');

CREATE TRIGGER trg_inbound_summary_donation_item_truncate
    AFTER TRUNCATE ON public.donation_item
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated('DONATION');

CREATE TRIGGER trg_inbound_summary_intake_truncate
    AFTER TRUNCATE ON public.dnintake
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated('DONATION');

CREATE TRIGGER trg_inbound_summary_procurement_truncate
    AFTER TRUNCATE ON public.procurement
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated('PROCUREMENT');

CREATE TRIGGER trg_inbound_summary_procurement_line_truncate
    AFTER TRUNCATE ON public.procurement_item
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated('PROCUREMENT');

SELECT public.inbound_summary_rebuild();

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
-- The rule is the view's, written once per source (inbound_summary_donation and
-- inbound_summary_procurement below):
--   DONATION     a (donation, donation_item, dnintake) triple adds item_qty at the
--                intake's warehouse when the donation and the item are verified (V), the
--                intake is not (status <> 'V') and item_qty > 0;
--   PROCUREMENT  a procurement_item adds ordered_qty - received_qty at its procurement's
--                target warehouse when the procurement is SHIPPED or PARTIAL_RECEIVED, the
--                line is neither RECEIVED nor CANCELLED and something is still to come.
-- Every quantity involved has two decimals, so summing here equals summing the view's
-- NUMERIC(15,2) rows.
--
-- Write path, as V7's: row triggers append signed deltas to inbound_summary_delta and
-- never update anything; inbound_summary_compact() folds them into inbound_summary. The
-- true figure of a key is its inbound_summary row plus the sum of its delta rows. The
-- triggers on the legacy donation tables read legacy columns only; procurement's go
-- with its tables when EP-02 is rolled back.
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

-- Append-only signed deltas, written by the triggers, folded by inbound_summary_compact().
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

-- THE donation rule: what one (donation, item, intake) triple adds (triple_sign = 1) or
-- takes away (-1); no row when it does not count.
CREATE FUNCTION public.inbound_summary_donation(
    triple_sign      INTEGER,
    donation_status  CHAR(1),
    item_id          INTEGER,
    item_qty         NUMERIC,
    item_status      CHAR(1),
    intake_warehouse INTEGER,
    intake_status    CHAR(1))
RETURNS TABLE (warehouse_id INTEGER, item_id INTEGER, source_type VARCHAR(12), inbound_qty NUMERIC, contributions INTEGER)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT intake_warehouse, item_id, 'DONATION'::VARCHAR(12), triple_sign * item_qty, triple_sign
     WHERE donation_status = 'V'
       AND item_status = 'V'
       AND intake_status <> 'V'
       AND item_qty > 0
$$;

-- THE procurement rule: what one line adds (line_sign = 1) or takes away (-1).
CREATE FUNCTION public.inbound_summary_procurement(
    line_sign           INTEGER,
    procurement_status  VARCHAR,
    target_warehouse_id INTEGER,
    item_id             INTEGER,
    ordered_qty         NUMERIC,
    received_qty        NUMERIC,
    line_status         VARCHAR)
RETURNS TABLE (warehouse_id INTEGER, item_id INTEGER, source_type VARCHAR(12), inbound_qty NUMERIC, contributions INTEGER)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT target_warehouse_id, item_id, 'PROCUREMENT'::VARCHAR(12), line_sign * (ordered_qty - received_qty), line_sign
     WHERE procurement_status IN ('SHIPPED', 'PARTIAL_RECEIVED')
       AND line_status NOT IN ('RECEIVED', 'CANCELLED')
       AND ordered_qty - received_qty > 0
$$;

-- -----------------------------------------------------------------------------
-- Donation triggers. SECURITY DEFINER, as V7's: the main application's role needs no
-- privilege on the summary tables.
--
-- A triple joins two SIBLING rows (an item and an intake of the same donation), so
-- locking the donation FOR SHARE, as V7 locks a package, would not do: an item and an
-- intake added at the same time by two transactions would each miss the other, and
-- their triple would never count. Every trigger of an item or intake therefore locks
-- its donation FOR NO KEY UPDATE first (waiting for whoever else is changing that
-- donation's items, intakes or status, then seeing what they committed), and a status
-- change holds the same lock by updating the row. The foreign keys' FOR KEY SHARE does
-- not conflict with it: only writers of the same donation wait on each other.
-- -----------------------------------------------------------------------------

-- An item's triples with every intake of its donation, against the donation's current row.
CREATE FUNCTION public.inbound_summary_record_donation_item(item_sign INTEGER, line public.donation_item)
RETURNS void
LANGUAGE sql
AS $$
    INSERT INTO public.inbound_summary_delta (warehouse_id, item_id, source_type, inbound_qty, contributions)
    SELECT c.*
      FROM public.donation d
      JOIN public.dnintake dni ON dni.donation_id = d.donation_id
     CROSS JOIN LATERAL public.inbound_summary_donation(
               item_sign, d.status_code, line.item_id, line.item_qty, line.status_code,
               dni.inventory_id, dni.status_code) c
     WHERE d.donation_id = line.donation_id;
$$;

-- An intake's triples with every item of its donation, against the donation's current row.
CREATE FUNCTION public.inbound_summary_record_intake(intake_sign INTEGER, intake public.dnintake)
RETURNS void
LANGUAGE sql
AS $$
    INSERT INTO public.inbound_summary_delta (warehouse_id, item_id, source_type, inbound_qty, contributions)
    SELECT c.*
      FROM public.donation d
      JOIN public.donation_item di ON di.donation_id = d.donation_id
     CROSS JOIN LATERAL public.inbound_summary_donation(
               intake_sign, d.status_code, di.item_id, di.item_qty, di.status_code,
               intake.inventory_id, intake.status_code) c
     WHERE d.donation_id = intake.donation_id;
$$;

CREATE FUNCTION public.inbound_summary_donation_item_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM 1 FROM public.donation d
     WHERE d.donation_id IN (OLD.donation_id, NEW.donation_id)
     ORDER BY d.donation_id
       FOR NO KEY UPDATE;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM public.inbound_summary_record_donation_item(-1, OLD);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.inbound_summary_record_donation_item(1, NEW);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION public.inbound_summary_intake_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM 1 FROM public.donation d
     WHERE d.donation_id IN (OLD.donation_id, NEW.donation_id)
     ORDER BY d.donation_id
       FOR NO KEY UPDATE;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM public.inbound_summary_record_intake(-1, OLD);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.inbound_summary_record_intake(1, NEW);
    END IF;
    RETURN NULL;
END
$$;

-- Every triple of the donation: taken away with its old status, added with its new one.
CREATE FUNCTION public.inbound_summary_donation_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO public.inbound_summary_delta (warehouse_id, item_id, source_type, inbound_qty, contributions)
    SELECT c.*
      FROM (VALUES (-1, OLD.status_code), (1, NEW.status_code)) AS d(triple_sign, status_code)
     CROSS JOIN public.donation_item di
      JOIN public.dnintake dni ON dni.donation_id = di.donation_id
     CROSS JOIN LATERAL public.inbound_summary_donation(
               d.triple_sign, d.status_code, di.item_id, di.item_qty, di.status_code,
               dni.inventory_id, dni.status_code) c
     WHERE di.donation_id = NEW.donation_id;
    RETURN NULL;
END
$$;

-- -----------------------------------------------------------------------------
-- Procurement triggers: a line counts against its procurement's current row, locked FOR
-- SHARE first (the reasoning of V7's fulfilment_hourly_record_line: a line changed
-- while its procurement ships is then counted exactly once).
-- -----------------------------------------------------------------------------

CREATE FUNCTION public.inbound_summary_record_procurement_line(line_sign INTEGER, line public.procurement_item)
RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM 1 FROM public.procurement p WHERE p.procurement_id = line.procurement_id FOR SHARE;

    INSERT INTO public.inbound_summary_delta (warehouse_id, item_id, source_type, inbound_qty, contributions)
    SELECT c.*
      FROM public.procurement p
     CROSS JOIN LATERAL public.inbound_summary_procurement(
               line_sign, p.status_code, p.target_warehouse_id, line.item_id,
               line.ordered_qty, line.received_qty, line.status_code) c
     WHERE p.procurement_id = line.procurement_id;
END
$$;

CREATE FUNCTION public.inbound_summary_procurement_line_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM public.inbound_summary_record_procurement_line(-1, OLD);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.inbound_summary_record_procurement_line(1, NEW);
    END IF;
    RETURN NULL;
END
$$;

-- Every line of the procurement: taken away with its old values, added with its new
-- ones. On DELETE (BEFORE, while the lines are still there) every line is taken away:
-- the foreign key deletes the lines after the procurement, and their own triggers then
-- find no procurement and record nothing.
CREATE FUNCTION public.inbound_summary_procurement_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO public.inbound_summary_delta (warehouse_id, item_id, source_type, inbound_qty, contributions)
    SELECT c.*
      FROM (VALUES (-1, OLD.status_code, OLD.target_warehouse_id),
                   (1, NEW.status_code, NEW.target_warehouse_id)) AS p(line_sign, status_code, target_warehouse_id)
     CROSS JOIN public.procurement_item pi
     CROSS JOIN LATERAL public.inbound_summary_procurement(
               p.line_sign, p.status_code, p.target_warehouse_id, pi.item_id,
               pi.ordered_qty, pi.received_qty, pi.status_code) c
     WHERE pi.procurement_id = OLD.procurement_id
       AND (p.line_sign = -1 OR TG_OP = 'UPDATE');
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NULL END;
END
$$;

-- Emptying a table the rule reads empties that source's documents.
CREATE FUNCTION public.inbound_summary_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    emptied_source VARCHAR(12) := CASE WHEN TG_TABLE_NAME LIKE 'procurement%' THEN 'PROCUREMENT' ELSE 'DONATION' END;
BEGIN
    DELETE FROM public.inbound_summary WHERE source_type = emptied_source;
    DELETE FROM public.inbound_summary_delta WHERE source_type = emptied_source;
    RETURN NULL;
END
$$;

-- -----------------------------------------------------------------------------
-- Maintenance, as V7's.
-- -----------------------------------------------------------------------------

-- Empties both tables and recomputes the summary from the documents. TRUNCATE locks the
-- delta table until commit, so the triggers of concurrent writes wait: whatever they
-- changed is either read below or recorded as a delta after this commits, never both.
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

    TRUNCATE public.inbound_summary, public.inbound_summary_delta;
    INSERT INTO public.inbound_summary (warehouse_id, item_id, source_type, inbound_qty, contributions)
    SELECT c.warehouse_id, c.item_id, c.source_type, sum(c.inbound_qty), sum(c.contributions)
      FROM (SELECT c.*
              FROM public.donation d
              JOIN public.donation_item di ON di.donation_id = d.donation_id
              JOIN public.dnintake dni ON dni.donation_id = d.donation_id
             CROSS JOIN LATERAL public.inbound_summary_donation(
                       1, d.status_code, di.item_id, di.item_qty, di.status_code,
                       dni.inventory_id, dni.status_code) c
            UNION ALL
            SELECT c.*
              FROM public.procurement p
              JOIN public.procurement_item pi ON pi.procurement_id = p.procurement_id
             CROSS JOIN LATERAL public.inbound_summary_procurement(
                       1, p.status_code, p.target_warehouse_id, pi.item_id,
                       pi.ordered_qty, pi.received_qty, pi.status_code) c) c
     GROUP BY c.warehouse_id, c.item_id, c.source_type;
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
-- for this migration; a fraction of a second for the reference data set).
-- -----------------------------------------------------------------------------
LOCK TABLE public.donation, public.donation_item, public.dnintake, public.procurement, public.procurement_item
    IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER trg_inbound_summary_donation_item_insert
    AFTER INSERT ON public.donation_item
    FOR EACH ROW EXECUTE FUNCTION public.inbound_summary_donation_item_changed();

CREATE TRIGGER trg_inbound_summary_donation_item_update
    AFTER UPDATE ON public.donation_item
    FOR EACH ROW
    WHEN (OLD.donation_id IS DISTINCT FROM NEW.donation_id
       OR OLD.item_id IS DISTINCT FROM NEW.item_id
       OR OLD.item_qty IS DISTINCT FROM NEW.item_qty
       OR OLD.status_code IS DISTINCT FROM NEW.status_code)
    EXECUTE FUNCTION public.inbound_summary_donation_item_changed();

CREATE TRIGGER trg_inbound_summary_donation_item_delete
    AFTER DELETE ON public.donation_item
    FOR EACH ROW EXECUTE FUNCTION public.inbound_summary_donation_item_changed();

CREATE TRIGGER trg_inbound_summary_intake_insert
    AFTER INSERT ON public.dnintake
    FOR EACH ROW EXECUTE FUNCTION public.inbound_summary_intake_changed();

CREATE TRIGGER trg_inbound_summary_intake_update
    AFTER UPDATE ON public.dnintake
    FOR EACH ROW
    WHEN (OLD.donation_id IS DISTINCT FROM NEW.donation_id
       OR OLD.inventory_id IS DISTINCT FROM NEW.inventory_id
       OR OLD.status_code IS DISTINCT FROM NEW.status_code)
    EXECUTE FUNCTION public.inbound_summary_intake_changed();

CREATE TRIGGER trg_inbound_summary_intake_delete
    AFTER DELETE ON public.dnintake
    FOR EACH ROW EXECUTE FUNCTION public.inbound_summary_intake_changed();

-- A new donation has no items or intakes yet; one is deleted after them (foreign keys
-- without cascade), and their triggers take their triples away.
CREATE TRIGGER trg_inbound_summary_donation_update
    AFTER UPDATE ON public.donation
    FOR EACH ROW
    WHEN (OLD.status_code IS DISTINCT FROM NEW.status_code)
    EXECUTE FUNCTION public.inbound_summary_donation_changed();

CREATE TRIGGER trg_inbound_summary_procurement_line_insert
    AFTER INSERT ON public.procurement_item
    FOR EACH ROW EXECUTE FUNCTION public.inbound_summary_procurement_line_changed();

CREATE TRIGGER trg_inbound_summary_procurement_line_update
    AFTER UPDATE ON public.procurement_item
    FOR EACH ROW
    WHEN (OLD.procurement_id IS DISTINCT FROM NEW.procurement_id
       OR OLD.item_id IS DISTINCT FROM NEW.item_id
       OR OLD.ordered_qty IS DISTINCT FROM NEW.ordered_qty
       OR OLD.received_qty IS DISTINCT FROM NEW.received_qty
       OR OLD.status_code IS DISTINCT FROM NEW.status_code)
    EXECUTE FUNCTION public.inbound_summary_procurement_line_changed();

CREATE TRIGGER trg_inbound_summary_procurement_line_delete
    AFTER DELETE ON public.procurement_item
    FOR EACH ROW EXECUTE FUNCTION public.inbound_summary_procurement_line_changed();

CREATE TRIGGER trg_inbound_summary_procurement_update
    AFTER UPDATE ON public.procurement
    FOR EACH ROW
    WHEN (OLD.status_code IS DISTINCT FROM NEW.status_code
       OR OLD.target_warehouse_id IS DISTINCT FROM NEW.target_warehouse_id)
    EXECUTE FUNCTION public.inbound_summary_procurement_changed();

CREATE TRIGGER trg_inbound_summary_procurement_delete
    BEFORE DELETE ON public.procurement
    FOR EACH ROW EXECUTE FUNCTION public.inbound_summary_procurement_changed();

CREATE TRIGGER trg_inbound_summary_donation_truncate
    AFTER TRUNCATE ON public.donation
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated();

CREATE TRIGGER trg_inbound_summary_donation_item_truncate
    AFTER TRUNCATE ON public.donation_item
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated();

CREATE TRIGGER trg_inbound_summary_intake_truncate
    AFTER TRUNCATE ON public.dnintake
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated();

CREATE TRIGGER trg_inbound_summary_procurement_truncate
    AFTER TRUNCATE ON public.procurement
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated();

CREATE TRIGGER trg_inbound_summary_procurement_line_truncate
    AFTER TRUNCATE ON public.procurement_item
    FOR EACH STATEMENT EXECUTE FUNCTION public.inbound_summary_truncated();

SELECT public.inbound_summary_rebuild();

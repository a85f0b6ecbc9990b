-- =============================================================================
-- V7: an exact, incrementally maintained hourly summary of fulfilled demand.
--
-- Burn rates (SPEC 3.2) sum the fulfilment lines of a demand window (as_of - W h, as_of].
-- Read side: whole hours come from fulfilment_hourly + fulfilment_hourly_delta, only the
-- partial hours at the window's edges from the raw lines.
--
-- A line contributes (item_qty, 1) to the key (fr_inventory_id, event, hour_end, item_id)
-- when its package reliefpkg is dispatched or received (D, R) with a dispatch_dtime, its
-- request reliefrqst is neither denied, cancelled nor ineligible (4, 6, 8), and the event
-- coalesce(package's eligible_event_id, request's) is known. hour_end is the end of the
-- hour (hour_end - 1 h, hour_end] holding dispatch_dtime: 10:00:00 belongs to 10:00.
--
-- Write path: row triggers on the three LEGACY tables append signed deltas and never
-- update anything (no row locks on the summary, so concurrent dispatches of the DMIS
-- main application never wait on each other here); fulfilment_hourly_compact() folds
-- the deltas into fulfilment_hourly. The true figure of a key is its fulfilment_hourly
-- row plus the sum of its delta rows. The triggers read legacy columns only: the guide's
-- Option 2 rollback drops the EP-02 columns and must not break the main application's
-- writes.
--
-- Creating the triggers and the backfill run in this one transaction: writes to
-- reliefrqst, reliefpkg and reliefpkg_item wait for it (about 8 s per million lines on
-- the 2-core benchmark machine); inventory, transfer and every other table are not touched.
-- =============================================================================

-- The end of the hour (hour_end - 1 h, hour_end] that holds a dispatch moment; the same
-- openness as a demand window (start, as_of].
CREATE FUNCTION public.fulfilment_hour_end(dispatch timestamp) RETURNS timestamp
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_trunc('hour', dispatch - interval '1 microsecond') + interval '1 hour';

-- Derived data, rebuilt at will from the legacy tables (fulfilment_hourly_rebuild): no
-- audit columns (nobody edits a row; like warehouse_sync_log) and no foreign keys (a
-- key may name a warehouse, event or item the legacy tables no longer have only while
-- its lines are being deleted, and the triggers must never fail a main-application write).
-- fulfilled_qty keeps item_qty's four decimals: the summary is exact, not rounded.
CREATE TABLE public.fulfilment_hourly (
    warehouse_id   INTEGER NOT NULL,
    event_id       INTEGER NOT NULL,
    hour_end       TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL,
    item_id        INTEGER NOT NULL,
    fulfilled_qty  NUMERIC(19,4) NOT NULL,
    line_count     INTEGER NOT NULL,
    -- The figures ride in the key's index, so a window reads index only: a BASELINE window
    -- is tens of thousands of keys per warehouse. Compaction only rewrites recent hours, so
    -- the older pages stay all-visible.
    CONSTRAINT pk_fulfilment_hourly PRIMARY KEY (warehouse_id, event_id, hour_end, item_id)
        INCLUDE (fulfilled_qty, line_count)
);

-- Append-only signed deltas, written by the triggers, folded by fulfilment_hourly_compact().
CREATE TABLE public.fulfilment_hourly_delta (
    delta_id       BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
    warehouse_id   INTEGER NOT NULL,
    event_id       INTEGER NOT NULL,
    hour_end       TIMESTAMP(0) WITHOUT TIME ZONE NOT NULL,
    item_id        INTEGER NOT NULL,
    fulfilled_qty  NUMERIC(19,4) NOT NULL,
    line_count     INTEGER NOT NULL,
    CONSTRAINT pk_fulfilment_hourly_delta PRIMARY KEY (delta_id)
);

CREATE INDEX idx_fulfilment_hourly_delta_window ON public.fulfilment_hourly_delta
    (warehouse_id, event_id, hour_end) INCLUDE (item_id, fulfilled_qty, line_count);

-- THE rule, written once: what one line adds (line_sign = 1) or takes away (-1), given its
-- package's and request's values; no row when the line does not count.
CREATE FUNCTION public.fulfilment_hourly_contribution(
    line_sign         INTEGER,
    from_warehouse_id INTEGER,
    line_item_id      INTEGER,
    line_qty          NUMERIC,
    package_status    CHAR(1),
    package_dispatch  TIMESTAMP,
    package_event_id  INTEGER,
    request_status    SMALLINT,
    request_event_id  INTEGER)
RETURNS TABLE (warehouse_id INTEGER, event_id INTEGER, hour_end TIMESTAMP, item_id INTEGER,
               fulfilled_qty NUMERIC, line_count INTEGER)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT from_warehouse_id,
           coalesce(package_event_id, request_event_id),
           public.fulfilment_hour_end(package_dispatch),
           line_item_id,
           line_sign * line_qty,
           line_sign
     WHERE package_status IN ('D', 'R')
       AND package_dispatch IS NOT NULL
       AND request_status NOT IN (4, 6, 8)
       AND coalesce(package_event_id, request_event_id) IS NOT NULL
$$;

-- -----------------------------------------------------------------------------
-- Triggers. SECURITY DEFINER: they run for the main application's role, which needs no
-- privilege on the summary tables. Each trigger reads the CURRENT package and request
-- rows, so that what one transaction adds and a later one takes away always match.
-- -----------------------------------------------------------------------------

-- A line's contribution against its package's and request's current rows.
--
-- Both are locked FOR SHARE first. In READ COMMITTED, a line inserted while another
-- transaction dispatches its package would otherwise be missed: the dispatch's trigger
-- does not see the uncommitted line, and the line's trigger would read the package as
-- not yet dispatched. FOR SHARE waits for that dispatch to commit and returns the
-- package as it is now; the other way round, the dispatch waits for this transaction,
-- and its trigger then sees the line. (The foreign key's own FOR KEY SHARE does not
-- conflict with a status change, so it gives no such guarantee.) The locks are taken by
-- separate statements before the read, because a joined SELECT ... FOR SHARE re-checks
-- a changed package against the request it already joined, and drops the line when the
-- package was moved to another request.
CREATE FUNCTION public.fulfilment_hourly_record_line(line_sign INTEGER, line public.reliefpkg_item)
RETURNS void
LANGUAGE plpgsql
AS $$
DECLARE
    request_id INTEGER;
BEGIN
    SELECT p.reliefrqst_id INTO request_id
      FROM public.reliefpkg p
     WHERE p.reliefpkg_id = line.reliefpkg_id
       FOR SHARE;
    PERFORM 1 FROM public.reliefrqst r WHERE r.reliefrqst_id = request_id FOR SHARE;

    INSERT INTO public.fulfilment_hourly_delta (warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count)
    SELECT c.*
      FROM public.reliefpkg p
      JOIN public.reliefrqst r ON r.reliefrqst_id = p.reliefrqst_id
     CROSS JOIN LATERAL public.fulfilment_hourly_contribution(
               line_sign, line.fr_inventory_id, line.item_id, line.item_qty,
               p.status_code, p.dispatch_dtime, p.eligible_event_id, r.status_code, r.eligible_event_id) c
     WHERE p.reliefpkg_id = line.reliefpkg_id;
END
$$;

CREATE FUNCTION public.fulfilment_hourly_line_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM public.fulfilment_hourly_record_line(-1, OLD);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.fulfilment_hourly_record_line(1, NEW);
    END IF;
    RETURN NULL;
END
$$;

-- Every line of a package: taken away with the package's old values, added with its new
-- ones, each against its request's current row (locked FOR SHARE, as above). Lines
-- another transaction is adding or changing right now are not seen here; their own
-- trigger waits for this change (their FOR SHARE on the package) and counts them.
CREATE FUNCTION public.fulfilment_hourly_package_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM 1 FROM public.reliefrqst r
     WHERE r.reliefrqst_id IN (OLD.reliefrqst_id, NEW.reliefrqst_id)
     ORDER BY r.reliefrqst_id
       FOR SHARE;

    INSERT INTO public.fulfilment_hourly_delta (warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count)
    SELECT c.*
      FROM (VALUES (-1, OLD.reliefrqst_id, OLD.status_code, OLD.dispatch_dtime, OLD.eligible_event_id),
                   (1, NEW.reliefrqst_id, NEW.status_code, NEW.dispatch_dtime, NEW.eligible_event_id))
           AS p(line_sign, reliefrqst_id, status_code, dispatch_dtime, eligible_event_id)
      JOIN public.reliefrqst r ON r.reliefrqst_id = p.reliefrqst_id
     CROSS JOIN public.reliefpkg_item ri
     CROSS JOIN LATERAL public.fulfilment_hourly_contribution(
               p.line_sign, ri.fr_inventory_id, ri.item_id, ri.item_qty,
               p.status_code, p.dispatch_dtime, p.eligible_event_id, r.status_code, r.eligible_event_id) c
     WHERE ri.reliefpkg_id = NEW.reliefpkg_id;
    RETURN NULL;
END
$$;

-- Every line of every package of a request: taken away with the request's old values,
-- added with its new ones. Packages and lines being changed by another transaction right
-- now are not seen; their triggers wait for this change (FOR SHARE on the request).
CREATE FUNCTION public.fulfilment_hourly_request_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO public.fulfilment_hourly_delta (warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count)
    SELECT c.*
      FROM (VALUES (-1, OLD.status_code, OLD.eligible_event_id),
                   (1, NEW.status_code, NEW.eligible_event_id))
           AS r(line_sign, status_code, eligible_event_id)
     CROSS JOIN public.reliefpkg p
      JOIN public.reliefpkg_item ri ON ri.reliefpkg_id = p.reliefpkg_id
     CROSS JOIN LATERAL public.fulfilment_hourly_contribution(
               r.line_sign, ri.fr_inventory_id, ri.item_id, ri.item_qty,
               p.status_code, p.dispatch_dtime, p.eligible_event_id, r.status_code, r.eligible_event_id) c
     WHERE p.reliefrqst_id = NEW.reliefrqst_id;
    RETURN NULL;
END
$$;

-- Emptying any of the three tables empties the lines, so the summary is empty too.
CREATE FUNCTION public.fulfilment_hourly_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    TRUNCATE public.fulfilment_hourly, public.fulfilment_hourly_delta;
    RETURN NULL;
END
$$;

-- -----------------------------------------------------------------------------
-- Maintenance
-- -----------------------------------------------------------------------------

-- Empties both tables and recomputes the summary from the legacy tables. TRUNCATE locks
-- the delta table until commit, so the triggers of concurrent writes wait: whatever they
-- changed is either read below or recorded as a delta after this commits, never both.
-- That needs a fresh snapshot for the INSERT, hence READ COMMITTED.
CREATE FUNCTION public.fulfilment_hourly_rebuild() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    keys bigint;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'fulfilment_hourly_rebuild() must run in READ COMMITTED, not %',
            current_setting('transaction_isolation');
    END IF;

    TRUNCATE public.fulfilment_hourly, public.fulfilment_hourly_delta;
    INSERT INTO public.fulfilment_hourly (warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count)
    SELECT c.warehouse_id, c.event_id, c.hour_end, c.item_id, sum(c.fulfilled_qty), sum(c.line_count)
      FROM public.reliefpkg_item ri
      JOIN public.reliefpkg p ON p.reliefpkg_id = ri.reliefpkg_id
      JOIN public.reliefrqst r ON r.reliefrqst_id = p.reliefrqst_id
     CROSS JOIN LATERAL public.fulfilment_hourly_contribution(
               1, ri.fr_inventory_id, ri.item_id, ri.item_qty,
               p.status_code, p.dispatch_dtime, p.eligible_event_id, r.status_code, r.eligible_event_id) c
     GROUP BY c.warehouse_id, c.event_id, c.hour_end, c.item_id;
    GET DIAGNOSTICS keys = ROW_COUNT;
    RETURN keys;
END
$$;

-- Folds the deltas into fulfilment_hourly; returns how many delta rows it folded (0 when
-- another session is compacting: advisory lock hashtextextended('fulfilment_hourly_compact', 0),
-- held to the end of the transaction). One statement, one snapshot: the DELETE removes
-- exactly the delta rows committed before it started, and those are the ones added in;
-- rows committed meanwhile are left for the next compaction. Keys whose line count comes
-- to 0 are removed. Only this function (and the rebuild, which locks the tables) writes
-- fulfilment_hourly, so reading a row and writing it back in one statement is safe.
CREATE FUNCTION public.fulfilment_hourly_compact() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    folded_rows bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtextextended('fulfilment_hourly_compact', 0)) THEN
        RETURN 0;
    END IF;

    WITH folded AS (
        DELETE FROM public.fulfilment_hourly_delta
        RETURNING warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count
    ), per_key AS (
        SELECT warehouse_id, event_id, hour_end, item_id,
               sum(fulfilled_qty) AS fulfilled_qty, sum(line_count)::int AS line_count
          FROM folded
         GROUP BY warehouse_id, event_id, hour_end, item_id
    ), merged AS (
        SELECT k.*, coalesce(h.line_count, 0) + k.line_count AS new_line_count
          FROM per_key k
          LEFT JOIN public.fulfilment_hourly h USING (warehouse_id, event_id, hour_end, item_id)
         WHERE k.line_count <> 0 OR k.fulfilled_qty <> 0
    ), emptied AS (
        DELETE FROM public.fulfilment_hourly h
         USING merged m
         WHERE (h.warehouse_id, h.event_id, h.hour_end, h.item_id) = (m.warehouse_id, m.event_id, m.hour_end, m.item_id)
           AND m.new_line_count = 0
    ), added AS (
        INSERT INTO public.fulfilment_hourly AS h (warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count)
        SELECT warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count
          FROM merged
         WHERE new_line_count <> 0
         ORDER BY warehouse_id, event_id, hour_end, item_id
        ON CONFLICT (warehouse_id, event_id, hour_end, item_id) DO UPDATE
           SET fulfilled_qty = h.fulfilled_qty + excluded.fulfilled_qty,
               line_count = h.line_count + excluded.line_count
    )
    SELECT count(*) INTO folded_rows FROM folded;
    RETURN folded_rows;
END
$$;

-- -----------------------------------------------------------------------------
-- Wiring, then the backfill. The tables are locked up front, all three at once, so that
-- no write slips in between a trigger's creation and the backfill's read.
-- -----------------------------------------------------------------------------
LOCK TABLE public.reliefrqst, public.reliefpkg, public.reliefpkg_item IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER trg_fulfilment_hourly_line_insert
    AFTER INSERT ON public.reliefpkg_item
    FOR EACH ROW EXECUTE FUNCTION public.fulfilment_hourly_line_changed();

CREATE TRIGGER trg_fulfilment_hourly_line_update
    AFTER UPDATE ON public.reliefpkg_item
    FOR EACH ROW
    WHEN (OLD.reliefpkg_id IS DISTINCT FROM NEW.reliefpkg_id
       OR OLD.fr_inventory_id IS DISTINCT FROM NEW.fr_inventory_id
       OR OLD.item_id IS DISTINCT FROM NEW.item_id
       OR OLD.item_qty IS DISTINCT FROM NEW.item_qty)
    EXECUTE FUNCTION public.fulfilment_hourly_line_changed();

CREATE TRIGGER trg_fulfilment_hourly_line_delete
    AFTER DELETE ON public.reliefpkg_item
    FOR EACH ROW EXECUTE FUNCTION public.fulfilment_hourly_line_changed();

-- A new package has no lines yet; a package is deleted after its lines (foreign key
-- without cascade), whose trigger takes them away. Deleting a package and its lines in
-- ONE statement would leave their contribution behind: when the lines' triggers run, the
-- package they need is already gone (fulfilment_hourly_rebuild() repairs that).
CREATE TRIGGER trg_fulfilment_hourly_package_update
    AFTER UPDATE ON public.reliefpkg
    FOR EACH ROW
    WHEN (OLD.status_code IS DISTINCT FROM NEW.status_code
       OR OLD.dispatch_dtime IS DISTINCT FROM NEW.dispatch_dtime
       OR OLD.eligible_event_id IS DISTINCT FROM NEW.eligible_event_id
       OR OLD.reliefrqst_id IS DISTINCT FROM NEW.reliefrqst_id)
    EXECUTE FUNCTION public.fulfilment_hourly_package_changed();

CREATE TRIGGER trg_fulfilment_hourly_request_update
    AFTER UPDATE ON public.reliefrqst
    FOR EACH ROW
    WHEN (OLD.status_code IS DISTINCT FROM NEW.status_code
       OR OLD.eligible_event_id IS DISTINCT FROM NEW.eligible_event_id)
    EXECUTE FUNCTION public.fulfilment_hourly_request_changed();

CREATE TRIGGER trg_fulfilment_hourly_line_truncate
    AFTER TRUNCATE ON public.reliefpkg_item
    FOR EACH STATEMENT EXECUTE FUNCTION public.fulfilment_hourly_truncated();

CREATE TRIGGER trg_fulfilment_hourly_package_truncate
    AFTER TRUNCATE ON public.reliefpkg
    FOR EACH STATEMENT EXECUTE FUNCTION public.fulfilment_hourly_truncated();

CREATE TRIGGER trg_fulfilment_hourly_request_truncate
    AFTER TRUNCATE ON public.reliefrqst
    FOR EACH STATEMENT EXECUTE FUNCTION public.fulfilment_hourly_truncated();

SELECT public.fulfilment_hourly_rebuild();

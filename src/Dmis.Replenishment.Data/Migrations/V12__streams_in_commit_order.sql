-- =============================================================================
-- V12: the two streamed journals (event_phase_history, needs_list_audit) numbered in
-- commit order, and a notification for every needs-list audit row that is a stream event.
--
-- Streams replay "every row after id N" (a client's resume point, or an instance's
-- listener after a reconnect). That is only gap-free when a row with a larger id can never
-- become visible before a row with a smaller one. An identity value is drawn when the row is
-- inserted, not when its transaction commits, so two concurrent writers could commit out of
-- order. Here a stream row's writer first takes a transaction-level advisory lock (one per
-- journal, held to commit), then draws the id: ids follow commit order. Only stream rows
-- take the lock (needs-list status changes, reminders, escalations, phase changes), so the
-- other audit rows (CREATED, QUANTITY_ADJUSTED, ...) do not wait on each other.
-- =============================================================================

-- Which needs_list_audit rows are needs-list stream events: every status change (field
-- status_code, whatever wrote it), reminders and escalations (COMMENT_ADDED with reason_code
-- REMINDER / ESCALATED). The service's replay query uses this same function.
CREATE OR REPLACE FUNCTION public.needs_list_audit_is_stream_event(p_field_name VARCHAR, p_reason_code VARCHAR)
RETURNS BOOLEAN
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT p_field_name IS NOT DISTINCT FROM 'status_code' OR p_reason_code IN ('REMINDER', 'ESCALATED')
$$;

-- A BEFORE INSERT row trigger of a journal; TG_ARGV[0] names its id column. The lock is per
-- journal (its table), taken before the id is drawn and held until the transaction ends. Its
-- two-integer key keeps it apart from the service's one-bigint advisory locks (request ids,
-- document numbers). Nothing takes another lock after it, so it joins no deadlock cycle.
CREATE OR REPLACE FUNCTION public.stream_row_in_commit_order()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('dmis.stream'), hashtext(TG_TABLE_NAME));
    NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0],
               nextval(pg_get_serial_sequence(format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), TG_ARGV[0]))));
    RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER trg_needs_list_audit_commit_order
    BEFORE INSERT ON public.needs_list_audit
    FOR EACH ROW
    WHEN (public.needs_list_audit_is_stream_event(NEW.field_name, NEW.reason_code))
    EXECUTE FUNCTION public.stream_row_in_commit_order('audit_id');

-- Delivered at commit to every instance listening on dmis_needs_list_events; the payload is
-- the audit_id, the row itself is read from the table.
CREATE OR REPLACE FUNCTION public.needs_list_audit_notify()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_notify('dmis_needs_list_events', NEW.audit_id::text);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER trg_needs_list_audit_notify
    AFTER INSERT ON public.needs_list_audit
    FOR EACH ROW
    WHEN (public.needs_list_audit_is_stream_event(NEW.field_name, NEW.reason_code))
    EXECUTE FUNCTION public.needs_list_audit_notify();

CREATE OR REPLACE TRIGGER trg_event_phase_history_commit_order
    BEFORE INSERT ON public.event_phase_history
    FOR EACH ROW EXECUTE FUNCTION public.stream_row_in_commit_order('history_id');

COMMENT ON FUNCTION public.needs_list_audit_is_stream_event(VARCHAR, VARCHAR) IS 'True for the needs_list_audit rows streamed by WatchNeedsListEvents (status changes, reminders, escalations)';
COMMENT ON FUNCTION public.stream_row_in_commit_order() IS 'Numbers a journal row in commit order: advisory lock per table, then the id (column named by the trigger argument)';
COMMENT ON FUNCTION public.needs_list_audit_notify() IS 'Notifies dmis_needs_list_events with the audit_id of a stream row';

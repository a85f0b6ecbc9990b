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

CREATE OR REPLACE FUNCTION public.needs_list_audit_in_commit_order()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('dmis.stream.needs_list_audit'));
    NEW.audit_id := nextval(pg_get_serial_sequence('public.needs_list_audit', 'audit_id'));
    RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER trg_needs_list_audit_commit_order
    BEFORE INSERT ON public.needs_list_audit
    FOR EACH ROW
    WHEN (public.needs_list_audit_is_stream_event(NEW.field_name, NEW.reason_code))
    EXECUTE FUNCTION public.needs_list_audit_in_commit_order();

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

CREATE OR REPLACE FUNCTION public.event_phase_history_in_commit_order()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('dmis.stream.event_phase_history'));
    NEW.history_id := nextval(pg_get_serial_sequence('public.event_phase_history', 'history_id'));
    RETURN NEW;
END;
$$;

CREATE OR REPLACE TRIGGER trg_event_phase_history_commit_order
    BEFORE INSERT ON public.event_phase_history
    FOR EACH ROW EXECUTE FUNCTION public.event_phase_history_in_commit_order();

COMMENT ON FUNCTION public.needs_list_audit_is_stream_event(VARCHAR, VARCHAR) IS 'True for the needs_list_audit rows streamed by WatchNeedsListEvents (status changes, reminders, escalations)';
COMMENT ON FUNCTION public.needs_list_audit_in_commit_order() IS 'Numbers stream rows of needs_list_audit in commit order (advisory lock, then the id)';
COMMENT ON FUNCTION public.needs_list_audit_notify() IS 'Notifies dmis_needs_list_events with the audit_id of a stream row';
COMMENT ON FUNCTION public.event_phase_history_in_commit_order() IS 'Numbers event_phase_history rows in commit order (advisory lock, then the id)';

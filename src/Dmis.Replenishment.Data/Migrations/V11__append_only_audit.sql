-- =============================================================================
-- V11: the audit trail nobody erases. Row triggers refuse UPDATE and DELETE, and statement
-- triggers refuse TRUNCATE (which row triggers never see), on every append-only table:
--   needs_list_audit       every needs-list action (its row trigger exists since V2)
--   event_phase_history    every phase change
--   burn_rate_snapshot     the figures each generated line was calculated from
--   warehouse_sync_log     every recorded sync
-- Table privileges cannot guard this: the migration guide grants the application role ALL,
-- which includes TRUNCATE. Triggers bind every role but the owner's DROP TABLE (the guide's
-- selective rollback), and a superuser may still disable them on purpose.
-- =============================================================================

CREATE OR REPLACE FUNCTION public.refuse_audit_change()
    RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

COMMENT ON FUNCTION public.refuse_audit_change() IS 'Refuses UPDATE, DELETE and TRUNCATE on the append-only audit tables (V11)';

CREATE OR REPLACE TRIGGER trg_needs_list_audit_no_truncate
    BEFORE TRUNCATE ON public.needs_list_audit
    FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_audit_change();

CREATE OR REPLACE TRIGGER trg_event_phase_history_append_only
    BEFORE UPDATE OR DELETE ON public.event_phase_history
    FOR EACH ROW EXECUTE FUNCTION public.refuse_audit_change();
CREATE OR REPLACE TRIGGER trg_event_phase_history_no_truncate
    BEFORE TRUNCATE ON public.event_phase_history
    FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_audit_change();

CREATE OR REPLACE TRIGGER trg_burn_rate_snapshot_append_only
    BEFORE UPDATE OR DELETE ON public.burn_rate_snapshot
    FOR EACH ROW EXECUTE FUNCTION public.refuse_audit_change();
CREATE OR REPLACE TRIGGER trg_burn_rate_snapshot_no_truncate
    BEFORE TRUNCATE ON public.burn_rate_snapshot
    FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_audit_change();

CREATE OR REPLACE TRIGGER trg_warehouse_sync_log_append_only
    BEFORE UPDATE OR DELETE ON public.warehouse_sync_log
    FOR EACH ROW EXECUTE FUNCTION public.refuse_audit_change();
CREATE OR REPLACE TRIGGER trg_warehouse_sync_log_no_truncate
    BEFORE TRUNCATE ON public.warehouse_sync_log
    FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_audit_change();

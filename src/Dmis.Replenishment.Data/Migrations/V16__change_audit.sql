-- =============================================================================
-- V16: the audit of configuration and procurement changes. One row per change of a
-- procurement (with its lines), a supplier, a lead time or an event's phase configuration:
-- who, when (the service's clock), why, and the stored row before and after as JSON.
-- Append-only like needs_list_audit (V11): row triggers refuse UPDATE and DELETE, a statement
-- trigger refuses TRUNCATE, for every role but the owner dropping the table.
-- No foreign keys: the audit outlives what it describes (the guide's Option 2 drops
-- procurement, supplier, lead_time_config and event_phase_config; this table stays whole).
-- =============================================================================

CREATE TABLE IF NOT EXISTS public.change_audit (
    audit_id        BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL,
    entity_type     VARCHAR(20)  NOT NULL,
    entity_id       INTEGER      NOT NULL,
    action_type     VARCHAR(30)  NOT NULL,
    before_row      JSONB,
    after_row       JSONB,
    reason_text     VARCHAR(500),
    actor_user_id   VARCHAR(20)  NOT NULL,
    action_dtime    TIMESTAMP(0) NOT NULL,
    CONSTRAINT pk_change_audit PRIMARY KEY (audit_id),
    CONSTRAINT c_change_audit_entity_type CHECK (entity_type IN ('PROCUREMENT', 'SUPPLIER', 'LEAD_TIME', 'PHASE_CONFIG')),
    CONSTRAINT c_change_audit_rows CHECK (before_row IS NOT NULL OR after_row IS NOT NULL)
);

COMMENT ON TABLE public.change_audit IS 'Append-only audit of procurement, supplier, lead-time and phase-configuration changes (V16)';
COMMENT ON COLUMN public.change_audit.entity_id IS 'procurement_id, supplier_id, or config_id of lead_time_config / event_phase_config';
COMMENT ON COLUMN public.change_audit.before_row IS 'The stored row before the change (null when it was created); a procurement carries its lines';
COMMENT ON COLUMN public.change_audit.after_row IS 'The stored row after the change';

-- ListChangeAudit reads one entity's trail, or everything in a time range, oldest first.
CREATE INDEX IF NOT EXISTS idx_change_audit_entity ON public.change_audit (entity_type, entity_id, audit_id);
CREATE INDEX IF NOT EXISTS idx_change_audit_time ON public.change_audit (action_dtime, audit_id);

CREATE OR REPLACE TRIGGER trg_change_audit_append_only
    BEFORE UPDATE OR DELETE ON public.change_audit
    FOR EACH ROW EXECUTE FUNCTION public.refuse_audit_change();
CREATE OR REPLACE TRIGGER trg_change_audit_no_truncate
    BEFORE TRUNCATE ON public.change_audit
    FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_audit_change();

-- =============================================================================
-- V6: what the procurement workflow records beyond the guide's procurement columns.
--   submitted_by / submitted_at: who sent it for approval (separation of duties: the
--     creator and the submitter may not approve or reject it).
--   status_reason: why it was rejected or cancelled (ProcurementActionRequest.reason).
-- Plain nullable columns on an EP-02 table: they go with the table in the guide's
-- Option 2 rollback and block nothing (rollback_ep02.sql drops them first anyway).
-- =============================================================================
ALTER TABLE public.procurement ADD COLUMN IF NOT EXISTS submitted_by VARCHAR(20);
ALTER TABLE public.procurement ADD COLUMN IF NOT EXISTS submitted_at TIMESTAMP(0) WITHOUT TIME ZONE;
ALTER TABLE public.procurement ADD COLUMN IF NOT EXISTS status_reason VARCHAR(255);

COMMENT ON COLUMN public.procurement.submitted_by IS 'Who submitted the procurement for approval (may not approve it)';
COMMENT ON COLUMN public.procurement.status_reason IS 'Reason given when the procurement was rejected or cancelled';

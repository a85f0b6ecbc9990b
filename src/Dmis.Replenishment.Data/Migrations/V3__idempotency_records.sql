-- Client request ids of mutating calls and the first response to each, so that a retry
-- reaching any server instance returns the same result and changes nothing.
CREATE TABLE IF NOT EXISTS public.idempotency_record (
    request_id        VARCHAR(100) NOT NULL,
    operation         VARCHAR(100) NOT NULL,
    actor_user_id     VARCHAR(20)  NOT NULL,
    request_hash      BYTEA        NOT NULL,
    response_payload  BYTEA        NOT NULL,
    created_at        TIMESTAMP(0) NOT NULL DEFAULT now(),
    CONSTRAINT pk_idempotency_record PRIMARY KEY (request_id)
);

CREATE INDEX IF NOT EXISTS idx_idempotency_record_created ON public.idempotency_record (created_at);

COMMENT ON TABLE public.idempotency_record IS 'First response per client request id (retries return it unchanged)';

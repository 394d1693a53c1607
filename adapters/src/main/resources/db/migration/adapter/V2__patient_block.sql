-- A patient's blocking (sperring) of this organisation's data: towards everyone (recipient '*')
-- or towards one organisation ('orgnr:<orgnr>') or health professional ('hpr:<HPR number>').
-- The sharing rules read it before anything leaves the adapter.

CREATE TABLE patient_block (
    patient_id      VARCHAR(300)  NOT NULL,
    recipient       VARCHAR(40)   NOT NULL,
    blocked_at      TIMESTAMP     NOT NULL,
    CONSTRAINT patient_block_pk PRIMARY KEY (patient_id, recipient)
);

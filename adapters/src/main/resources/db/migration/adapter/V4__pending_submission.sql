-- One outcome for a registration across two services: what is being registered is kept here, durably,
-- before the registry is asked, and marked done only once it is known to hold it. Pending documents and
-- pointers are never served nor counted; a recovery step finishes or undoes what a crash left.
ALTER TABLE document ADD COLUMN state VARCHAR(8) DEFAULT 'DONE' NOT NULL;
ALTER TABLE document ADD COLUMN submission_set VARCHAR(128);

CREATE TABLE pending_submission (
    set_unique_id   VARCHAR(128)  NOT NULL PRIMARY KEY,
    data_kind       VARCHAR(20),
    replaces        VARCHAR(64),
    created_at      TIMESTAMP     NOT NULL,
    body            VARCHAR(1000000) NOT NULL
);

ALTER TABLE pointer ADD COLUMN submission_set VARCHAR(128);

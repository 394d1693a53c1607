-- One organisation's sharing service: the pointers it has published (all versions) and, for a
-- document repository, the documents themselves. Portable between H2 and PostgreSQL.

CREATE TABLE pointer (
    entry_uuid      VARCHAR(64)   NOT NULL PRIMARY KEY,
    unique_id       VARCHAR(128)  NOT NULL,
    patient_id      VARCHAR(300)  NOT NULL,
    data_kind       VARCHAR(20),
    status          VARCHAR(12)   NOT NULL,
    published_at    TIMESTAMP     NOT NULL,
    body            VARCHAR(1000000) NOT NULL,
    CONSTRAINT pointer_unique_id UNIQUE (unique_id)
);
CREATE INDEX pointer_patient ON pointer (patient_id, data_kind, status);

CREATE TABLE document (
    unique_id       VARCHAR(128)  NOT NULL PRIMARY KEY,
    mime_type       VARCHAR(128)  NOT NULL,
    hash            VARCHAR(40)   NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    content         ${binary}     NOT NULL,
    stored_at       TIMESTAMP     NOT NULL
);

-- How far the FHIR adapter has read the platform's changes (_lastUpdated), so a restart resumes.
CREATE TABLE platform_watermark (
    id              INT           NOT NULL PRIMARY KEY,
    last_updated    TIMESTAMP     NOT NULL
);

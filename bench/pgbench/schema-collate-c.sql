-- schema-current.sql with every character column COLLATE "C" (schema regc): byte-wise comparisons in every index.
DROP SCHEMA IF EXISTS regc CASCADE;
CREATE SCHEMA regc;
SET search_path = regc;
CREATE TABLE known_patient (patient_id VARCHAR(300) COLLATE "C" NOT NULL PRIMARY KEY, registered_at TIMESTAMP NOT NULL);
CREATE TABLE submission_set (
    entry_uuid VARCHAR(64) COLLATE "C" NOT NULL PRIMARY KEY, unique_id VARCHAR(128) COLLATE "C" NOT NULL, patient_id VARCHAR(300) COLLATE "C" NOT NULL,
    status VARCHAR(12) COLLATE "C" NOT NULL, source_id VARCHAR(128) COLLATE "C", submission_time VARCHAR(14) COLLATE "C", content_type_code VARCHAR(256) COLLATE "C",
    content_type_scheme VARCHAR(256) COLLATE "C", seq BIGINT NOT NULL, meta BYTEA NOT NULL,
    CONSTRAINT submission_set_unique_id UNIQUE (unique_id));
CREATE INDEX submission_set_patient ON submission_set (patient_id, submission_time);
CREATE TABLE submission_set_author (entry_uuid VARCHAR(64) COLLATE "C" NOT NULL, author_person VARCHAR(1000) COLLATE "C" NOT NULL);
CREATE INDEX submission_set_author_entry ON submission_set_author (entry_uuid);
CREATE TABLE document_entry (
    entry_uuid VARCHAR(64) COLLATE "C" NOT NULL PRIMARY KEY, unique_id VARCHAR(128) COLLATE "C" NOT NULL, logical_uuid VARCHAR(64) COLLATE "C" NOT NULL,
    patient_id VARCHAR(300) COLLATE "C" NOT NULL, status VARCHAR(12) COLLATE "C" NOT NULL, entry_type VARCHAR(12) COLLATE "C" NOT NULL,
    class_code VARCHAR(256) COLLATE "C", class_scheme VARCHAR(256) COLLATE "C", type_code VARCHAR(256) COLLATE "C", type_scheme VARCHAR(256) COLLATE "C",
    practice_code VARCHAR(256) COLLATE "C", practice_scheme VARCHAR(256) COLLATE "C", facility_code VARCHAR(256) COLLATE "C", facility_scheme VARCHAR(256) COLLATE "C",
    format_code VARCHAR(256) COLLATE "C", format_scheme VARCHAR(256) COLLATE "C", creation_time VARCHAR(14) COLLATE "C", service_start_time VARCHAR(14) COLLATE "C",
    service_stop_time VARCHAR(14) COLLATE "C", repository_unique_id VARCHAR(128) COLLATE "C", seq BIGINT NOT NULL, meta BYTEA NOT NULL,
    version INTEGER DEFAULT 1 NOT NULL, latest BOOLEAN DEFAULT TRUE NOT NULL);
CREATE INDEX document_entry_patient ON document_entry (patient_id, status, class_code);
CREATE INDEX document_entry_by_unique_id ON document_entry (unique_id);
CREATE UNIQUE INDEX document_entry_logical_version ON document_entry (logical_uuid, version);
CREATE TABLE document_entry_code (entry_uuid VARCHAR(64) COLLATE "C" NOT NULL, kind CHAR(1) COLLATE "C" NOT NULL, code VARCHAR(256) COLLATE "C" NOT NULL, scheme VARCHAR(256) COLLATE "C");
CREATE INDEX document_entry_code_entry ON document_entry_code (entry_uuid, kind);
CREATE TABLE document_entry_author (entry_uuid VARCHAR(64) COLLATE "C" NOT NULL, author_person VARCHAR(1000) COLLATE "C" NOT NULL);
CREATE INDEX document_entry_author_entry ON document_entry_author (entry_uuid);
CREATE TABLE document_entry_reference (entry_uuid VARCHAR(64) COLLATE "C" NOT NULL, reference_id VARCHAR(1000) COLLATE "C" NOT NULL);
CREATE INDEX document_entry_reference_entry ON document_entry_reference (entry_uuid);
CREATE INDEX document_entry_reference_value ON document_entry_reference (reference_id);
CREATE TABLE folder (
    entry_uuid VARCHAR(64) COLLATE "C" NOT NULL PRIMARY KEY, unique_id VARCHAR(128) COLLATE "C" NOT NULL, patient_id VARCHAR(300) COLLATE "C" NOT NULL,
    status VARCHAR(12) COLLATE "C" NOT NULL, last_update_time VARCHAR(14) COLLATE "C", seq BIGINT NOT NULL, meta BYTEA NOT NULL,
    logical_uuid VARCHAR(64) COLLATE "C" NOT NULL, version INTEGER DEFAULT 1 NOT NULL, latest BOOLEAN DEFAULT TRUE NOT NULL);
CREATE INDEX folder_patient ON folder (patient_id, status);
CREATE UNIQUE INDEX folder_unique_id_version ON folder (unique_id, version);
CREATE UNIQUE INDEX folder_logical_version ON folder (logical_uuid, version);
CREATE TABLE folder_code (entry_uuid VARCHAR(64) COLLATE "C" NOT NULL, code VARCHAR(256) COLLATE "C" NOT NULL, scheme VARCHAR(256) COLLATE "C");
CREATE INDEX folder_code_entry ON folder_code (entry_uuid);
CREATE TABLE association (
    entry_uuid VARCHAR(64) COLLATE "C" NOT NULL PRIMARY KEY, assoc_type VARCHAR(40) COLLATE "C" NOT NULL, source_uuid VARCHAR(64) COLLATE "C" NOT NULL,
    target_uuid VARCHAR(64) COLLATE "C" NOT NULL, status VARCHAR(12) COLLATE "C" NOT NULL, seq BIGINT NOT NULL, meta BYTEA NOT NULL,
    patient_id VARCHAR(300) COLLATE "C");
CREATE INDEX association_source_patient ON association (source_uuid, patient_id);
CREATE INDEX association_target_patient ON association (target_uuid, patient_id);

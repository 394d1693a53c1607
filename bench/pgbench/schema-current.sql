-- The registry's tables as Flyway leaves them after V10 (main c684456), for pgbench experiments of issue 17.
DROP SCHEMA IF EXISTS reg CASCADE;
CREATE SCHEMA reg;
SET search_path = reg;
CREATE TABLE known_patient (patient_id VARCHAR(300) NOT NULL PRIMARY KEY, registered_at TIMESTAMP NOT NULL);
CREATE TABLE submission_set (
    entry_uuid VARCHAR(64) NOT NULL PRIMARY KEY, unique_id VARCHAR(128) NOT NULL, patient_id VARCHAR(300) NOT NULL,
    status VARCHAR(12) NOT NULL, source_id VARCHAR(128), submission_time VARCHAR(14), content_type_code VARCHAR(256),
    content_type_scheme VARCHAR(256), seq BIGINT NOT NULL, meta BYTEA NOT NULL,
    CONSTRAINT submission_set_unique_id UNIQUE (unique_id));
CREATE INDEX submission_set_patient ON submission_set (patient_id, submission_time);
CREATE TABLE submission_set_author (entry_uuid VARCHAR(64) NOT NULL, author_person VARCHAR(1000) NOT NULL);
CREATE INDEX submission_set_author_entry ON submission_set_author (entry_uuid);
CREATE TABLE document_entry (
    entry_uuid VARCHAR(64) NOT NULL PRIMARY KEY, unique_id VARCHAR(128) NOT NULL, logical_uuid VARCHAR(64) NOT NULL,
    patient_id VARCHAR(300) NOT NULL, status VARCHAR(12) NOT NULL, entry_type VARCHAR(12) NOT NULL,
    class_code VARCHAR(256), class_scheme VARCHAR(256), type_code VARCHAR(256), type_scheme VARCHAR(256),
    practice_code VARCHAR(256), practice_scheme VARCHAR(256), facility_code VARCHAR(256), facility_scheme VARCHAR(256),
    format_code VARCHAR(256), format_scheme VARCHAR(256), creation_time VARCHAR(14), service_start_time VARCHAR(14),
    service_stop_time VARCHAR(14), repository_unique_id VARCHAR(128), seq BIGINT NOT NULL, meta BYTEA NOT NULL,
    version INTEGER DEFAULT 1 NOT NULL, latest BOOLEAN DEFAULT TRUE NOT NULL);
CREATE INDEX document_entry_patient ON document_entry (patient_id, status, class_code);
CREATE INDEX document_entry_by_unique_id ON document_entry (unique_id);
CREATE UNIQUE INDEX document_entry_logical_version ON document_entry (logical_uuid, version);
CREATE TABLE document_entry_code (entry_uuid VARCHAR(64) NOT NULL, kind CHAR(1) NOT NULL, code VARCHAR(256) NOT NULL, scheme VARCHAR(256));
CREATE INDEX document_entry_code_entry ON document_entry_code (entry_uuid, kind);
CREATE TABLE document_entry_author (entry_uuid VARCHAR(64) NOT NULL, author_person VARCHAR(1000) NOT NULL);
CREATE INDEX document_entry_author_entry ON document_entry_author (entry_uuid);
CREATE TABLE document_entry_reference (entry_uuid VARCHAR(64) NOT NULL, reference_id VARCHAR(1000) NOT NULL);
CREATE INDEX document_entry_reference_entry ON document_entry_reference (entry_uuid);
CREATE INDEX document_entry_reference_value ON document_entry_reference (reference_id);
CREATE TABLE folder (
    entry_uuid VARCHAR(64) NOT NULL PRIMARY KEY, unique_id VARCHAR(128) NOT NULL, patient_id VARCHAR(300) NOT NULL,
    status VARCHAR(12) NOT NULL, last_update_time VARCHAR(14), seq BIGINT NOT NULL, meta BYTEA NOT NULL,
    logical_uuid VARCHAR(64) NOT NULL, version INTEGER DEFAULT 1 NOT NULL, latest BOOLEAN DEFAULT TRUE NOT NULL);
CREATE INDEX folder_patient ON folder (patient_id, status);
CREATE UNIQUE INDEX folder_unique_id_version ON folder (unique_id, version);
CREATE UNIQUE INDEX folder_logical_version ON folder (logical_uuid, version);
CREATE TABLE folder_code (entry_uuid VARCHAR(64) NOT NULL, code VARCHAR(256) NOT NULL, scheme VARCHAR(256));
CREATE INDEX folder_code_entry ON folder_code (entry_uuid);
CREATE TABLE association (
    entry_uuid VARCHAR(64) NOT NULL PRIMARY KEY, assoc_type VARCHAR(40) NOT NULL, source_uuid VARCHAR(64) NOT NULL,
    target_uuid VARCHAR(64) NOT NULL, status VARCHAR(12) NOT NULL, seq BIGINT NOT NULL, meta BYTEA NOT NULL,
    patient_id VARCHAR(300));
CREATE INDEX association_source_patient ON association (source_uuid, patient_id);
CREATE INDEX association_target_patient ON association (target_uuid, patient_id);

-- An association is its patient's: by-id selections (GetAssociations, the links of
-- GetSubmissionSetAndContents, ...) put the caller's patient into the SQL, as for the other objects.
-- The patient (CX: id and authority together) is the one of the association's source: a submission
-- set, a folder, a document entry, or (a submission set's HasMember of a folder membership) an
-- association whose own source is one of those. Portable between H2 and PostgreSQL.
ALTER TABLE association ADD COLUMN patient_id VARCHAR(300);

UPDATE association SET patient_id = (SELECT s.patient_id FROM submission_set s WHERE s.entry_uuid = association.source_uuid)
    WHERE patient_id IS NULL;
UPDATE association SET patient_id = (SELECT f.patient_id FROM folder f WHERE f.entry_uuid = association.source_uuid)
    WHERE patient_id IS NULL;
UPDATE association SET patient_id = (SELECT d.patient_id FROM document_entry d WHERE d.entry_uuid = association.source_uuid)
    WHERE patient_id IS NULL;
UPDATE association SET patient_id = (SELECT p.patient_id FROM association p WHERE p.entry_uuid = association.source_uuid)
    WHERE patient_id IS NULL;

DROP INDEX association_source;
DROP INDEX association_target;
CREATE INDEX association_source_patient ON association (source_uuid, patient_id);
CREATE INDEX association_target_patient ON association (target_uuid, patient_id);

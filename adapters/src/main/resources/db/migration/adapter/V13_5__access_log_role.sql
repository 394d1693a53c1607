-- The user's role (health personnel category) in each access record: the patient sees who looked, and in which role.
ALTER TABLE access_log ADD COLUMN practitioner_role VARCHAR(32);

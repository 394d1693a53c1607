-- Metadata Update (ITI-57, ITI-92): DocumentEntries and Folders have versions under one logical id.
-- "version" counts from 1; "latest" marks the newest version (the one an update must name as its
-- PreviousVersion, and the one stored queries answer at $MetadataLevel 1). Every object stored so
-- far is a first version. A folder's uniqueId is shared by its versions: unique per version instead.
-- Portable between H2 and PostgreSQL.
ALTER TABLE document_entry ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE document_entry ADD COLUMN latest BOOLEAN DEFAULT TRUE NOT NULL;
CREATE UNIQUE INDEX document_entry_logical_version ON document_entry (logical_uuid, version);

ALTER TABLE folder ADD COLUMN logical_uuid VARCHAR(64);
UPDATE folder SET logical_uuid = entry_uuid;
ALTER TABLE folder ALTER COLUMN logical_uuid SET NOT NULL;
ALTER TABLE folder ADD COLUMN version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE folder ADD COLUMN latest BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE folder DROP CONSTRAINT folder_unique_id;
CREATE UNIQUE INDEX folder_unique_id_version ON folder (unique_id, version);
CREATE UNIQUE INDEX folder_logical_version ON folder (logical_uuid, version);

-- A document may be registered more than once (resubmission with identical hash and size): the
-- DocumentEntry uniqueId is no longer unique in the registry; submission sets and folders stay unique.
ALTER TABLE document_entry DROP CONSTRAINT document_entry_unique_id;
CREATE INDEX document_entry_by_unique_id ON document_entry (unique_id);

-- No statement reads by document_entry_logical: the unique (logical_uuid, version) index serves every look-up by
-- logical id, and each index costs every registered entry an insert (issue 17; QueryPlanTest checks that every
-- plain index is read by some plan). Portable between H2 and PostgreSQL.
DROP INDEX document_entry_logical;

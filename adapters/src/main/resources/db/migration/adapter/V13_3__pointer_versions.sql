-- Versions of an on-demand pointer (ITI-92) keep its uniqueId: one row per version (entryUUID),
-- at most one of them approved. (Numbered after issue 13 so parallel migrations do not collide.)
ALTER TABLE pointer DROP CONSTRAINT pointer_unique_id;
CREATE INDEX pointer_unique ON pointer (unique_id);

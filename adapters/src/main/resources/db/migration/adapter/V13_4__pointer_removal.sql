-- A removal the organisation asked for, kept before the registry is asked (ITI-62): POINTER (its pointer only) or
-- DOCUMENT (its pointer, then its stored content). Cleared when the registry refuses; the row goes once the
-- registry holds none of it, also when that is found only after a crash (PendingRecovery finishes those kept
-- before removal_at + its grace period, so a request still removing is never overtaken).
ALTER TABLE pointer ADD COLUMN removal VARCHAR(16);
ALTER TABLE pointer ADD COLUMN removal_at TIMESTAMP;

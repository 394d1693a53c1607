package no.dhoindex.adapters.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the {@link ChangeReader} asks of the organisation's DHO platform (FHIR R4, {@link FhirPlatform}):
 * what changed since a moment, which patient a deleted resource was about, and what a patient's data
 * of a kind covers now.
 */
public interface PlatformReads {

    /** A resource version seen on the platform: which patient's data of which kind, and when it was written. */
    record Change(String nationalId, DataKind kind, String resourceId, String version, Instant lastUpdated) {
    }

    /**
     * A deletion in the platform's history: the resource ({@code Type/id}), the deleting version
     * ({@code Type/id/_history/n}) and when, where the platform says ({@code entry.response.lastModified}).
     */
    record Deletion(DataKind kind, String resourceId, String version, Instant at) {
    }

    /** The usable changes and deletions, and the newest time read (of skipped resources too). */
    record Changes(List<Change> changes, List<Deletion> deletions, Instant readUpTo) {

        public Changes {
            changes = List.copyOf(changes);
            deletions = List.copyOf(deletions);
        }
    }

    /** Resources of every kind updated after {@code since} ({@code _lastUpdated} search): deletions are in none. */
    Changes changedSince(Instant since);

    /**
     * Every version of every kind written at or after {@code since}, deletions included (type-level
     * {@code _history?_since=}).
     *
     * @throws HistoryNotOffered when the platform does not offer it (the reader then re-reads every pointer)
     */
    Changes historySince(Instant since);

    /** The national id of the patient a deleted resource was about (its version before the deletion), if known. */
    Optional<String> subjectBefore(Deletion deletion);

    /** What the platform holds of this kind for the patient now: period, codes, count. */
    PatientData summary(String nationalId, DataKind kind);
}

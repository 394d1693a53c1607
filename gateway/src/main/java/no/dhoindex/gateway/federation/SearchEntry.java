package no.dhoindex.gateway.federation;

import java.time.Instant;

/**
 * One entry a source found: when the data is from (its sort key; null sorts after every dated
 * entry), its id at the source, and the entry itself (a FHIR resource at the FHIR edge).
 */
public record SearchEntry<R>(Instant when, String id, R resource) {
}

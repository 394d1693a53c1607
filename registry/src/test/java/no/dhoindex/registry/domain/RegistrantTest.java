package no.dhoindex.registry.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** An organisation owns its OID arcs and what lies under them, nothing else. */
class RegistrantTest {

    private final Registrant hospital = new Registrant("974589095", "sykehus-adapter",
            Set.of("2.16.578.1.12.4.1.7.1.2"), true);

    @Test
    void ownsItsArcAndWhatLiesUnderIt() {
        assertTrue(hospital.owns("2.16.578.1.12.4.1.7.1.2"));
        assertTrue(hospital.owns("2.16.578.1.12.4.1.7.1.2.1"));
        assertTrue(hospital.owns("urn:oid:2.16.578.1.12.4.1.7.1.2"));
    }

    @Test
    void ownsNothingElse() {
        assertFalse(hospital.owns("2.16.578.1.12.4.1.7.1.3"));
        assertFalse(hospital.owns("2.16.578.1.12.4.1.7.1.21"), "a sibling arc sharing a prefix is not under it");
        assertFalse(hospital.owns("2.16.578.1.12.4.1.7.1"), "the parent arc is not its");
        assertFalse(hospital.owns(null));
    }

    @Test
    void anUnknownOrganisationOwnsNothing() {
        assertFalse(new Registrant("999999999", "x", Set.of(), true).owns("2.16.578.1.12.4.1.7.1.2"));
    }
}

package no.dhoindex.registry.application;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.wire.Hl7v2Parts;
import org.junit.jupiter.api.Test;

/**
 * An author institution named by organisation number must be the organisation registering, whichever XON component
 * the source put the number in (XON.10, or XON.3 as HL7 v2.4 and earlier did): the parts read at registration.
 */
class SubmissionOwnershipTest {

    private static final String SOURCE = "2.16.578.1.12.4.1.7.1.2";
    private static final Registrant SYKEHUS = new Registrant("974589095", "sykehus-ehr", Set.of(SOURCE), true);

    @Test
    void theRegistrantsOwnOrganisationIsAccepted() {
        assertDoesNotThrow(() -> SubmissionOwnership.requireOwnPointers(
                submission("Demo sykehus^^^^^&2.16.578.1.12.4.1.4.101&ISO^^^^974589095"), SYKEHUS));
    }

    @Test
    void anotherOrganisationIsRefusedInXon10() {
        NotOwnPointers refused = assertThrows(NotOwnPointers.class, () -> SubmissionOwnership.requireOwnPointers(
                submission("Annet sykehus^^^^^&2.16.578.1.12.4.1.4.101&ISO^^^^983974899"), SYKEHUS));
        assertTrue(refused.getMessage().contains("983974899"), refused::getMessage);
    }

    @Test
    void anotherOrganisationIsRefusedInXon3() {
        NotOwnPointers refused = assertThrows(NotOwnPointers.class, () -> SubmissionOwnership.requireOwnPointers(
                submission("Annet sykehus^^983974899^^^&2.16.578.1.12.4.1.4.101&ISO"), SYKEHUS));
        assertTrue(refused.getMessage().contains("983974899"), refused::getMessage);
    }

    @Test
    void anOrganisationNumberAuthorityWithoutANumberIsRefused() {
        assertThrows(NotOwnPointers.class, () -> SubmissionOwnership.requireOwnPointers(
                submission("Uten nummer^^^^^&2.16.578.1.12.4.1.4.101&ISO"), SYKEHUS));
    }

    private static Submission submission(String xon) {
        Author author = new Author(null, List.of(Hl7v2Parts.institution(xon)), List.of(), List.of(), List.of());
        SubmissionSet set = new SubmissionSet(new RegistryObjectId("urn:uuid:a0000000-0000-4000-8000-000000000001",
                "2.25.1", null, null, null), AvailabilityStatus.APPROVED, PatientId.nationalId("15077510041"), SOURCE,
                "20261202120000", null, List.of(author), List.of(), null, null, Map.of());
        return new Submission(set, List.of(), List.of(), List.of());
    }
}

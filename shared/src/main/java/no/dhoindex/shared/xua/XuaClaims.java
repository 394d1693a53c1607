package no.dhoindex.shared.xua;

/**
 * What a SAML XUA assertion says about the user behind an IHE SOAP call (DOMAIN.md §7): who
 * (name, HPR number, organisation), why (purpose of use, role), about whom (the patient, CX), for
 * which community. Nothing here is SAML; {@link XuaAssertions} translates.
 */
public record XuaClaims(String subjectId, String subjectName, String hprNumber, String organization,
                        String organizationId, String purposeOfUse, String role, String patientCx,
                        String homeCommunityId) {
}

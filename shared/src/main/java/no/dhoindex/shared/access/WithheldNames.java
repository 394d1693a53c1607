package no.dhoindex.shared.access;

import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.BooleanType;

/**
 * Professionals whose names a patient does not see in their access log (DOMAIN.md: some roles, e.g. emergency
 * dispatch, are shown without a name): configured by their role ({@code dho.accessLog.withheldRoles},
 * health personnel category codes) or by the organisation they act for ({@code dho.accessLog.withheldNames},
 * orgnrs), the same settings at every deployable that shows a patient their log (the gateway, and each source to a
 * citizen reading it there). The organisation and the role are still shown; the user's name and HPR number are taken out, and the
 * event says so.
 */
public final class WithheldNames {

    public static final String EXTENSION = "https://dhoindex.no/fhir/StructureDefinition/name-withheld";
    private static final String ORGNR = "urn:oid:2.16.578.1.12.4.1.4.101";

    private final Set<String> organisations;
    private final Set<String> roles;

    public WithheldNames(Set<String> organisations, Set<String> roles) {
        this.organisations = Set.copyOf(organisations);
        this.roles = Set.copyOf(roles);
    }

    /** As configured ({@code dho.accessLog.withheldNames}, {@code dho.accessLog.withheldRoles}; none by default). */
    public static WithheldNames of(org.eclipse.microprofile.config.Config config) {
        return new WithheldNames(list(config, "dho.accessLog.withheldNames"), list(config, "dho.accessLog.withheldRoles"));
    }

    private static Set<String> list(org.eclipse.microprofile.config.Config config, String key) {
        return java.util.Arrays.stream(config.getOptionalValue(key, String.class).orElse("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The event as the patient reads it: the requesting user made anonymous where their organisation says so. */
    public AuditEvent forPatient(AuditEvent event) {
        boolean protectedOrganisation = event.getAgent().stream()
                .filter(a -> !a.getRequestor() && a.hasWho() && a.getWho().hasIdentifier())
                .anyMatch(a -> ORGNR.equals(a.getWho().getIdentifier().getSystem())
                        && organisations.contains(a.getWho().getIdentifier().getValue()));
        boolean protectedRole = event.getAgent().stream().filter(AuditEvent.AuditEventAgentComponent::getRequestor)
                .flatMap(a -> a.getRole().stream()).flatMap(r -> r.getCoding().stream())
                .anyMatch(c -> AuditEvents.ROLE.equals(c.getSystem()) && roles.contains(c.getCode()));
        if (protectedOrganisation || protectedRole) {
            for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
                if (agent.getRequestor()) {
                    agent.setName(null);
                    agent.setWho(null);
                    agent.setAltId(null);
                    agent.addExtension(EXTENSION, new BooleanType(true));
                }
            }
        }
        return event;
    }
}

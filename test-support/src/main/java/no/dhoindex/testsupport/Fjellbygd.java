package no.dhoindex.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A second municipality the test stacks add, configured the way an operator adds an organisation
 * (not in the WAR's defaults): its adapter's settings, its system at the trust anchor, and its OID
 * arc at the registry.
 */
public final class Fjellbygd {

    public static final String ORGNR = "912345688";
    public static final String HOME_COMMUNITY_ID = "urn:oid:2.16.578.1.12.4.1.7.1.4";
    public static final String REPOSITORY = "2.16.578.1.12.4.1.7.1.4.1";
    private static final String ARC = "2.16.578.1.12.4.1.7.1.4";

    private Fjellbygd() {
    }

    /**
     * Everything a stack needs for fjellbygd, its DHO platform at {@code platformUrl}, added to the stack's
     * {@code settings} (its system joins the trust anchor's {@code dho.trust.systems}).
     */
    public static Map<String, String> addTo(Map<String, String> settings, String platformUrl) {
        String systems = settings.getOrDefault("dho.trust.systems", "");
        settings.putAll(settings(platformUrl));
        settings.put("dho.trust.systems", (systems.isEmpty() ? "" : systems + ",") + "fjellbygd-adapter");
        return settings;
    }

    private static Map<String, String> settings(String platformUrl) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("dho.adapters.fjellbygd.name", "Fjellbygd kommune");
        s.put("dho.adapters.fjellbygd.orgnr", ORGNR);
        s.put("dho.adapters.fjellbygd.kind", "fhir");
        s.put("dho.adapters.fjellbygd.homeCommunityId", HOME_COMMUNITY_ID);
        s.put("dho.adapters.fjellbygd.repositoryUniqueId", REPOSITORY);
        s.put("dho.adapters.fjellbygd.sourceId", ARC);
        s.put("dho.adapters.fjellbygd.platform.url", platformUrl);
        s.put("dho.adapters.fjellbygd.poll.millis", "500");
        // Its adapter's system at the trust anchor.
        s.put("dho.trust.system.fjellbygd-adapter.name", "Fjellbygd DHO-adapter");
        s.put("dho.trust.system.fjellbygd-adapter.orgnr", ORGNR);
        s.put("dho.trust.system.fjellbygd-adapter.scopes", "nhn:dho-index/register");
        s.put("dho.registry.organisation." + ORGNR + ".oids", ARC);
        return s;
    }
}

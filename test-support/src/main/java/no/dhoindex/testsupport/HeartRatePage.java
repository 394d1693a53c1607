package no.dhoindex.testsupport;

import java.time.Instant;

/**
 * A FHIR searchset page of heart rates as an organisation's search answers it (newest first, a
 * {@code next} link), the page the benchmarks' simulated sources send and the gateway's step
 * harness reads: one shape, so the harness measures what the benchmark's gateway handles.
 */
public final class HeartRatePage {

    private HeartRatePage() {
    }

    /**
     * {@code entries} Observations of {@code nationalId}, ids {@code <name>-<i>}, an hour apart from
     * {@code newest} back.
     */
    public static String json(String name, String nationalId, int entries, Instant newest) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"link\":["
                + "{\"relation\":\"self\",\"url\":\"http://127.0.0.1/fhir/Observation\"},"
                + "{\"relation\":\"next\",\"url\":\"http://127.0.0.1/fhir/Observation?_offset=" + entries + "\"}],\"entry\":[");
        for (int i = 0; i < entries; i++) {
            Instant at = newest.minusSeconds(3600L * i);
            json.append(i == 0 ? "" : ",").append("{\"fullUrl\":\"http://127.0.0.1/fhir/Observation/").append(name)
                    .append('-').append(i).append("\",\"resource\":{\"resourceType\":\"Observation\",\"id\":\"")
                    .append(name).append('-').append(i).append("\",\"status\":\"final\",\"category\":[{\"coding\":[{"
                    + "\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
                    + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}]},"
                    + "\"subject\":{\"identifier\":{\"system\":\"urn:oid:2.16.578.1.12.4.1.4.1\",\"value\":\"")
                    .append(nationalId).append("\"}},\"effectiveDateTime\":\"").append(at).append("\",\"valueQuantity\":{"
                    + "\"value\":").append(60 + i % 30).append(",\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\","
                    + "\"code\":\"/min\"}},\"search\":{\"mode\":\"match\"}}");
        }
        return json.append("]}").toString();
    }
}

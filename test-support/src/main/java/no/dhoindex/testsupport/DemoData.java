package no.dhoindex.testsupport;

import java.net.URI;
import java.util.Map;

/**
 * The demo's pointers, registered through ITI-42 like any source would: a synthetic patient with
 * a hospital discharge summary and a municipality's measurement series. Registered once: a
 * restart on the same data finds them by uniqueId and leaves them be.
 */
public final class DemoData {

    public static final String PATIENT = Samples.PATIENT_A;
    public static final int DOCUMENTS = 2;

    private static final String EPIKRISE_UID = "2.16.578.1.12.4.1.7.1.2.1.1001";
    private static final String MEASUREMENTS_UID = "2.16.578.1.12.4.1.7.1.3.1.2001";

    private DemoData() {
    }

    public static void register(URI registry) {
        if (isRegistered(registry, EPIKRISE_UID)) {
            System.out.println("Demo pointers already registered.");
            return;
        }
        Map<String, String> epikrise = Samples.singleDocumentDefaults(PATIENT);
        epikrise.put("documentUniqueId", EPIKRISE_UID);
        epikrise.put("title", "Epikrise, kardiologisk avdeling");
        epikrise.put("authorPerson", "9144897^Lege^Anne^^^^^^&amp;2.16.578.1.12.4.1.4.4&amp;ISO");
        expectSuccess(Soap.call(registry, XdsActions.ITI_42, Samples.singleDocument(epikrise)), "epikrise");

        Map<String, String> measurements = Samples.singleDocumentDefaults(PATIENT);
        measurements.put("documentUniqueId", MEASUREMENTS_UID);
        measurements.put("title", "Målinger fra hjemmeoppfølging (blodtrykk, puls, SpO2)");
        measurements.put("classCode", "A00-1");
        measurements.put("typeCode", "A03-1");
        measurements.put("eventCode", "85354-9");
        measurements.put("creationTime", "20261120090000");
        measurements.put("serviceStartTime", "20261001000000");
        measurements.put("serviceStopTime", "20261120090000");
        measurements.put("sourceId", "2.16.578.1.12.4.1.7.1.3");
        measurements.put("authorPerson", "^Sykepleier^Ola^^^");
        expectSuccess(Soap.call(registry, XdsActions.ITI_42, Samples.singleDocument(measurements)), "measurements");
        System.out.println("Registered " + DOCUMENTS + " demo pointers for patient " + PATIENT + ".");
    }

    private static boolean isRegistered(URI registry, String uniqueId) {
        Soap.Reply reply = Soap.call(registry, XdsActions.ITI_18,
                StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                        .slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')").objectRefs().build());
        return reply.isSuccess() && reply.count("ObjectRef") > 0;
    }

    private static void expectSuccess(Soap.Reply reply, String what) {
        if (!reply.isSuccess()) {
            throw new IllegalStateException("Registering the demo " + what + " failed: " + reply);
        }
    }
}

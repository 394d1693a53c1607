package no.dhoindex.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The demo's documents, provided to the hospital's repository adapter through ITI-41 like its
 * EHR would (under the EHR system's own token): two discharge documents for a synthetic patient. The adapter keeps them and
 * registers their pointers; the municipality's pointers come from its FHIR adapter on its own.
 * Provided once: a restart on the same data finds them by uniqueId and leaves them be.
 */
public final class DemoData {

    public static final String PATIENT = Samples.PATIENT_A;
    public static final int DOCUMENTS = 2;
    private static final String CID = "demo-document@dhoindex.no";

    private static final String[][] EPIKRISER = {
        {"2.16.578.1.12.4.1.7.1.2.1.1001", "Epikrise, kardiologisk avdeling", "20261020120000",
            "<epikrise><diagnose>Hjertesvikt (I50.0)</diagnose><plan>Hjemmeoppfølging med daglig vekt og "
                + "blodtrykk; kontroll om fire uker.</plan></epikrise>"},
        {"2.16.578.1.12.4.1.7.1.2.1.1002", "Poliklinisk notat, kontroll", "20261117100000",
            "<notat><vurdering>Stabil. Fortsetter hjemmeoppfølging.</vurdering></notat>"}};

    private DemoData() {
    }

    /**
     * @param asker    asks the registry (which answers queries only with a trusted XUA assertion)
     * @param provider the hospital's EHR system, whose token the repository requires for ITI-41
     */
    public static void register(URI registry, URI repository, XuaCaller asker, SystemCaller provider) {
        if (isRegistered(registry, EPIKRISER[0][0], asker)) {
            System.out.println("Demo documents already provided.");
            return;
        }
        for (String[] doc : EPIKRISER) {
            Map<String, String> values = Samples.singleDocumentDefaults(PATIENT);
            values.put("documentUniqueId", doc[0]);
            values.put("title", doc[1]);
            values.put("creationTime", doc[2]);
            values.put("authorPerson", "9144897^Lege^Anne^^^^^^&amp;2.16.578.1.12.4.1.4.4&amp;ISO");
            byte[] content = doc[3].getBytes(StandardCharsets.UTF_8);
            Soap.Reply reply = provider.provide(repository,
                    Samples.provideAndRegister(values, sha1(content), content.length, CID), Map.of(CID, content));
            if (!reply.isSuccess()) {
                throw new IllegalStateException("Providing the demo document " + doc[0] + " failed: " + reply);
            }
        }
        System.out.println("Provided " + DOCUMENTS + " demo documents for patient " + PATIENT + " to sykehus.");
    }

    private static boolean isRegistered(URI registry, String uniqueId, XuaCaller asker) {
        Soap.Reply reply = asker.query(registry, StoredQueryBuilder.query(StoredQueryBuilder.GET_DOCUMENTS)
                .slot("$XDSDocumentEntryUniqueId", "('" + uniqueId + "')").objectRefs().build());
        return reply.isSuccess() && reply.count("ObjectRef") > 0;
    }

    private static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package no.dhoindex.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo's documents, provided to the hospital's and the GP office's repository adapters through ITI-41 like
 * their EHRs would (under each EHR system's own token): two discharge documents and two GP notes for a synthetic
 * patient. The adapters keep them and register their pointers; the municipality's pointers come from its FHIR adapter on its own.
 * Provided once: a restart on the same data finds them by uniqueId and leaves them be.
 */
public final class DemoData {

    public static final String PATIENT = Samples.PATIENT_A;
    public static final int DOCUMENTS = 2;
    public static final int GP_DOCUMENTS = 2;
    private static final String CID = "demo-document@dhoindex.no";
    private static final String SYKEHUS_REPOSITORY = "2.16.578.1.12.4.1.7.1.2.1";
    private static final String SYKEHUS_ORGNR = "974589095";
    /** The GP office of demo/organisations. */
    public static final String FASTLEGE_ORG = "fastlege";

    private static final String[][] EPIKRISER = {
        {"2.16.578.1.12.4.1.7.1.2.1.1001", "Epikrise, kardiologisk avdeling", "20261020120000",
            "<epikrise><diagnose>Hjertesvikt (I50.0)</diagnose><plan>Hjemmeoppfølging med daglig vekt og "
                + "blodtrykk; kontroll om fire uker.</plan></epikrise>"},
        {"2.16.578.1.12.4.1.7.1.2.1.1002", "Poliklinisk notat, kontroll", "20261117100000",
            "<notat><vurdering>Stabil. Fortsetter hjemmeoppfølging.</vurdering></notat>"}};

    /** The GP office's (fastlege): its own notes, in its own repository under its own arc. */
    private static final String[][] FASTLEGE = {
        {"2.16.578.1.12.4.1.7.1.5.1.1001", "Konsultasjonsnotat, fastlege", "20261105093000",
            "<notat><vurdering>Vektøkning 2 kg siste uke; diuretika justert.</vurdering></notat>"},
        {"2.16.578.1.12.4.1.7.1.5.1.1002", "Henvisning til hjemmesykepleien", "20261106110000",
            "<henvisning><til>Hjemmesykepleien</til><grunn>Daglig vekt og blodtrykk</grunn></henvisning>"}};

    private DemoData() {
    }

    /**
     * Provides each organisation's demo documents to its repository, once.
     *
     * @param asker        asks the registry (which answers queries only with a trusted XUA assertion)
     * @param repositories an organisation's ITI-41 endpoint, by its name
     * @param providers    an organisation's EHR system, whose token its repository requires for ITI-41
     */
    public static void register(URI registry, XuaCaller asker, Function<String, URI> repositories,
                                Function<String, SystemCaller> providers) {
        provide("sykehus", EPIKRISER, registry, asker, repositories, providers);
        provide(FASTLEGE_ORG, FASTLEGE, registry, asker, repositories, providers);
    }

    private static void provide(String org, String[][] documents, URI registry, XuaCaller asker,
                                Function<String, URI> repositories, Function<String, SystemCaller> providers) {
        if (isRegistered(registry, documents[0][0], asker)) {
            System.out.println("Demo documents of " + org + " already provided.");
            return;
        }
        // The samples name the hospital as source, repository and author organisation; each organisation's
        // own documents name it and lie under its own arcs (the registry takes nothing else from it).
        DemoOrganisations.Organisation organisation = DemoOrganisations.demo().byName(org);
        String source = organisation.file().get("sourceId");
        for (String[] doc : documents) {
            Map<String, String> values = Samples.singleDocumentDefaults(PATIENT);
            values.put("documentUniqueId", doc[0]);
            values.put("title", doc[1]);
            values.put("creationTime", doc[2]);
            values.put("authorPerson", "9144897^Lege^Anne^^^^^^&amp;2.16.578.1.12.4.1.4.4&amp;ISO");
            values.put("sourceId", source);
            byte[] content = doc[3].getBytes(StandardCharsets.UTF_8);
            String body = Samples.provideAndRegister(values, sha1(content), content.length, CID)
                    .replace(">" + SYKEHUS_REPOSITORY + "<", ">" + organisation.repositoryUniqueId() + "<")
                    .replace("Sykehuset Demo^^^^^&amp;2.16.578.1.12.4.1.4.101&amp;ISO^^^^" + SYKEHUS_ORGNR,
                            organisation.file().get("name") + "^^^^^&amp;2.16.578.1.12.4.1.4.101&amp;ISO^^^^"
                                    + organisation.orgnr());
            Soap.Reply reply = providers.apply(org).provide(repositories.apply(org), body, Map.of(CID, content));
            if (!reply.isSuccess()) {
                throw new IllegalStateException("Providing the demo document " + doc[0] + " to " + org + " failed: " + reply);
            }
        }
        System.out.println("Provided " + documents.length + " demo documents for patient " + PATIENT + " to " + org + ".");
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

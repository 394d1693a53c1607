package no.dhoindex.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a running demo's pieces answer, in one JVM ({@code ./dho start}) or each in its own
 * ({@code ./dho start --distributed}): the demo data loaded through their real interfaces, the "what to try"
 * printed against them, and the trust anchor's address left in the data directory for {@code ./dho call}.
 *
 * @param gateway  where clinicians reach the gateway (in the distributed demo: the load balancer)
 * @param adapters an organisation's base URL, by its name
 */
public record DemoGuide(URI gateway, URI registry, URI trust, Function<String, URI> adapters, URI platform) {

    /** The file in the data directory naming the running demo's token endpoint (read by {@code ./dho call}). */
    public static final String TOKEN_ENDPOINT_FILE = "trust-anchor.url";

    /** Every piece at one base URL (http://127.0.0.1:port). */
    public static DemoGuide oneJvm(URI base) {
        return new DemoGuide(base, base, base, org -> base, base);
    }

    public URI gatewayXca() {
        return gateway.resolve("/gateway/services/xca");
    }

    public URI registryEndpoint() {
        return registry.resolve("/registry/services/registry");
    }

    public URI tokenEndpoint() {
        return trust.resolve("/trust/token");
    }

    public URI repository(String org) {
        return adapters.apply(org).resolve("/adapters/" + org + "/services/repository");
    }

    /**
     * The demo's documents, provided as DevStack always has: the registry checked with the data directory's
     * tool key (in its XUA trust store), each organisation's EHR system under its own token.
     */
    public void loadDemoData(Path data) {
        XuaCaller asker = new XuaCaller(data.resolve("dev-tools-xua"), data.resolve("xua-trusted"));
        DemoData.register(registryEndpoint(), asker, this::repository,
                org -> new SystemCaller(trust.resolve("/trust"), org + "-ehr", SystemCaller.PROVIDE));
    }

    /** Leaves the token endpoint in {@code data} for {@code ./dho call} (which may call any piece's URL). */
    public void recordTokenEndpoint(Path data) throws IOException {
        Files.writeString(data.resolve(TOKEN_ENDPOINT_FILE), tokenEndpoint() + "\n");
    }

    /** The endpoints and the README's try-it commands, against these addresses. */
    public void printWhatToTry(Path root, String logs) {
        URI registryEndpoint = registryEndpoint();
        URI xca = gatewayXca();
        String observations = "/gateway/fhir/Observation?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1%7C" + DemoData.PATIENT;
        System.out.println();
        System.out.println("DHO Index is up. Endpoints:");
        System.out.println("  Web app (clinician's overview; citizen's access log)  " + gateway.resolve("/gateway/app/")
                + "  " + gateway.resolve("/gateway/app/citizen.html")
                + "   (log in as anne for patient " + DemoData.PATIENT + "; as citizen " + DemoData.PATIENT + ")");
        System.out.println("  Federated gateway (ITI-18 / ITI-43 in, XCA out) " + xca);
        System.out.println("  ITI-42 / ITI-18 registry   " + registryEndpoint + "   (WSDL: " + registryEndpoint + "?wsdl)");
        System.out.println("  Patient identity feed      " + registry.resolve("/registry/admin/patients") + "/{authorityOid}/{id}");
        for (String org : DemoOrganisations.demo().names()) {
            System.out.println("  " + org + " ITI-41/43 repository  " + repository(org)
                    + "   ITI-38/39 XCA " + adapters.apply(org).resolve("/adapters/" + org + "/services/xca"));
        }
        System.out.println("  Demo DHO platform (FHIR R4) " + platform.resolve("/demo-platform/fhir"));
        System.out.println("  Trust anchor (HelseID stand-in) " + trust.resolve("/trust"));
        System.out.println("  Health / metrics / OpenAPI " + gateway.resolve("/health/ready") + "  "
                + gateway.resolve("/metrics") + "  " + gateway.resolve("/openapi"));
        System.out.println();
        System.out.println("Demo patient " + DemoData.PATIENT + " (synthetic) has " + DemoData.DOCUMENTS
                + " discharge documents at sykehus, " + DemoData.GP_DOCUMENTS + " GP notes at fastlege and live"
                + " measurement pointers from kommune's platform.");
        System.out.println("The gateway answers only clinicians with a DPoP-bound HelseID token whose attestation names");
        System.out.println("the patient; ./dho call gets one from the local trust anchor (" + trust.resolve("/trust") + ").");
        System.out.println("Ask everyone at once through the gateway (ITI-18 FindDocuments; the answer merges the");
        System.out.println("registry's pointers with the organisations' own, each entry with its homeCommunityId):");
        System.out.println("  ./dho call --practitioner anne --patient " + DemoData.PATIENT + " --purpose TREAT \\");
        System.out.println("       --data @" + root.relativize(root.resolve("demo/find-documents.xml")) + " POST " + xca);
        System.out.println("The demo patient's heart rate from every organisation (FHIR, one searchset):");
        System.out.println("  ./dho call --patient " + DemoData.PATIENT + " GET '" + gateway.resolve(observations)
                + "&code=http://loinc.org%7C8867-4'");
        System.out.println("Without a token the gateway refuses (HTTP 401):  curl -si '" + gateway.resolve(observations)
                + "' | head -1");
        System.out.println("(the registry answers queries only with a trusted gateway's XUA assertion: " + registryEndpoint + ")");
        System.out.println("An organisation's own system (its client-credentials token) provides a document to its repository;");
        System.out.println("another organisation's system is refused (403):");
        System.out.println("  ./dho call --system sykehus --data @" + root.relativize(root.resolve("demo/provide-document.xml"))
                + " POST " + repository("sykehus"));
        System.out.println("The patient sees who has looked at their data, at the gateway and at each organisation:");
        System.out.println("  ./dho call --citizen " + DemoData.PATIENT + " GET '" + gateway.resolve("/gateway/fhir/AuditEvent"
                + "?patient.identifier=urn:oid:2.16.578.1.12.4.1.4.1%7C" + DemoData.PATIENT) + "'");
        System.out.println();
        System.out.println(logs);
    }
}

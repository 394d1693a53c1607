package no.dhoindex.bench;

import jakarta.xml.bind.JAXBContext;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.wire.XdsMessages;
import no.dhoindex.shared.xua.XuaAssertions;
import no.dhoindex.shared.xua.XuaClaims;
import no.dhoindex.shared.xua.XuaKeys;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * Where a federated ITI-38 query's CPU goes, step by step, on one thread (thread CPU time, so the
 * figures hold on a busy machine better than wall time): per community the XUA assertion signed and
 * the request written, before the fan-out; per answer of 20 communities × 2 entries (the gateway
 * benchmark's simulated answers) JAXB unmarshalling, the ebXML → domain read, the merged answer's
 * domain → ebRIM mapping and its marshalling. Not HTTP, CXF's interceptors nor the inbound request.
 * {@code mvn -o -q -pl bench exec:java -Dexec.mainClass=no.dhoindex.bench.FanOutCpuSteps -Dexec.args=ROUNDS}
 */
public final class FanOutCpuSteps {

    private static final String PATIENT = "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO";

    private FanOutCpuSteps() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<String> answers = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            answers.add(SimulatedCommunity.answer("community" + i, "urn:oid:2.25." + i, 2,
                    PATIENT.replace("&", "&amp;")));
        }
        JAXBContext jaxb = JAXBContext.newInstance(AdhocQueryResponse.class, AdhocQueryRequest.class);
        XuaKeys.Signer signer = XuaKeys.loadOrCreate(Files.createTempDirectory("xua"), "dho-gateway", null);
        XuaClaims claims = new XuaClaims("05076600324", "Anne Lege", "9144897", "974589095", "974589095", "TREAT",
                "LE", PATIENT, "urn:oid:2.25.1");
        StoredQuery query = XdsMessages.readQuery(XdsMessages.findDocuments(PatientId.parseCx(PATIENT), List.of(),
                List.of()), XDS.Interactions.ITI_18).query();
        long[] steps = new long[6];
        // The first half warms the JIT up and is not counted.
        for (int r = 0; r < rounds * 2; r++) {
            long[] t = new long[7];
            t[0] = cpu.getCurrentThreadCpuTime();
            XuaAssertions.issue(claims, "urn:dho-index:gateway", "urn:oid:2.25.1", Duration.ofMinutes(5), signer);
            t[1] = cpu.getCurrentThreadCpuTime();
            XdsMessages.writeQuery(query, ReturnType.LEAF_CLASS, "urn:oid:2.25.1");
            t[2] = cpu.getCurrentThreadCpuTime();
            List<AdhocQueryResponse> wire = new ArrayList<>();
            for (String a : answers) {
                wire.add((AdhocQueryResponse) jaxb.createUnmarshaller().unmarshal(new StringReader(a)));
            }
            t[3] = cpu.getCurrentThreadCpuTime();
            List<DocumentPointer> documents = new ArrayList<>();
            for (AdhocQueryResponse w : wire) {
                documents.addAll(XdsMessages.readAnswer(w).result().documents());
            }
            t[4] = cpu.getCurrentThreadCpuTime();
            AdhocQueryResponse merged = XdsMessages.queryResponse(new QueryAnswer(QueryAnswer.Status.SUCCESS,
                    new QueryResult(documents, List.of(), List.of(), List.of()), List.of()), ReturnType.LEAF_CLASS);
            t[5] = cpu.getCurrentThreadCpuTime();
            jaxb.createMarshaller().marshal(merged, new StringWriter());
            t[6] = cpu.getCurrentThreadCpuTime();
            if (r >= rounds) {
                for (int s = 0; s < 6; s++) {
                    steps[s] += t[s + 1] - t[s];
                }
            }
        }
        String[] names = {"XUA assertion issued and signed (one community)", "ITI-38 request written (one community)",
            "20 answers unmarshalled (JAXB)", "20 answers read into the domain (ebXML -> domain)",
            "merged answer of 40 entries mapped to ebRIM", "merged answer marshalled (JAXB)"};
        System.out.println("| step | CPU ms |");
        System.out.println("|---|---|");
        for (int s = 0; s < 6; s++) {
            System.out.println(String.format(Locale.ROOT, "| %s | %.2f |", names[s], steps[s] / 1e6 / rounds));
        }
    }
}

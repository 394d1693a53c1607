package no.dhoindex.bench;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.Author;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Person;
import no.dhoindex.shared.xds.model.PersonName;
import no.dhoindex.shared.xds.model.Provenance;
import no.dhoindex.shared.xds.model.RegistryObjectId;
import no.dhoindex.shared.xds.model.SourcePatient;
import no.dhoindex.shared.xds.model.Telecom;
import no.dhoindex.shared.xds.model.Text;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.wire.QueryAnswerWriter;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.openehealth.ipf.commons.ihe.xds.core.XdsJaxbDataBinding;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;

/**
 * The CPU of building and writing a FindDocuments answer of 10 full DocumentEntries on one thread (thread CPU time):
 * the old path, IPF's transformer from the domain records and JAXB marshalling with IPF's listener (as the registry's
 * CXF endpoint did), against {@link QueryAnswerWriter#write} (StAX calls until branch writer, since then its own XML
 * text handed to Woodstox raw: {@link AnswerWriterRawCpu} compares those two), both into the same kind of
 * XMLStreamWriter (Woodstox, as CXF's). Rounds of the two alternate, so that both see the same machine.
 * {@code mvn -o -q -pl bench exec:java -Dexec.mainClass=no.dhoindex.bench.AnswerWriterCpu -Dexec.args="RESULT_FILE"}
 */
public final class AnswerWriterCpu {

    private static final int ENTRIES = 10;
    private static final int WARM_UP = Integer.getInteger("warmUp", 30_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 10);
    private static final int PER_ROUND = Integer.getInteger("perRound", 5_000);

    private AnswerWriterCpu() {
    }

    public static void main(String[] args) throws Exception {
        QueryAnswer answer = QueryAnswer.success(new QueryResult(entries(), List.of(), List.of(), List.of()));
        XMLOutputFactory stax = XMLOutputFactory.newInstance();
        Marshaller marshaller = JAXBContext.newInstance(AdhocQueryResponse.class).createMarshaller();
        marshaller.setListener(new XdsJaxbDataBinding.MarshallerListener());
        marshaller.setProperty(Marshaller.JAXB_FRAGMENT, Boolean.TRUE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Step old = () -> {
            out.reset();
            XMLStreamWriter w = stax.createXMLStreamWriter(out, "UTF-8");
            marshaller.marshal(XdsMessages.queryResponse(answer, ReturnType.LEAF_CLASS), w);
            w.flush();
            return out.size();
        };
        Step streamed = () -> {
            out.reset();
            XMLStreamWriter w = stax.createXMLStreamWriter(out, "UTF-8");
            QueryAnswerWriter.write(answer, ReturnType.LEAF_CLASS, w);
            w.flush();
            return out.size();
        };
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        long sink = 0;
        int oldBytes = old.run();
        int newBytes = streamed.run();
        for (int i = 0; i < WARM_UP; i++) {
            sink += old.run() + streamed.run();
        }
        double[] oldMicros = new double[ROUNDS];
        double[] newMicros = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            oldMicros[r] = ThreadCpuRounds.micros(PER_ROUND, old::run);
            newMicros[r] = ThreadCpuRounds.micros(PER_ROUND, streamed::run);
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        StringBuilder b = new StringBuilder();
        b.append("# Registry answer writer: FindDocuments answer of ").append(ENTRIES).append(" entries, old vs new\n\n");
        b.append("Building and writing the ITI-18 AdhocQueryResponse of ").append(ENTRIES)
                .append(" full DocumentEntries (authors, codes, source patient, reference ids, extra metadata) into a ")
                .append(stax.getClass().getName()).append(", one thread, thread CPU time.\n\n");
        b.append("- old: `XdsMessages.queryResponse` (IPF transformer from the domain records) + JAXB marshal with IPF's ")
                .append("listener; ").append(oldBytes).append(" bytes\n");
        b.append("- new: `QueryAnswerWriter.write` (StAX from the domain records); ").append(newBytes).append(" bytes\n");
        b.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append('\n');
        b.append("- warm-up: ").append(WARM_UP).append(" answers each; then ").append(ROUNDS).append(" rounds of ")
                .append(PER_ROUND).append(" answers each, old and new alternating\n");
        b.append("- load average before: ").append(loadBefore).append('\n');
        b.append("- load average after: ").append(loadAfter).append("\n\n");
        ThreadCpuRounds.table(b, "answer", "old (IPF + JAXB)", oldMicros, "new (StAX writer)", newMicros, sink);
        System.out.print(b);
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), b.toString());
        }
    }

    private interface Step {
        int run() throws Exception;
    }

    /** Ten discharge summaries of one patient with every part a hospital's entry has. */
    static List<DocumentPointer> entries() {
        return entries(ENTRIES);
    }

    /** {@code count} discharge summaries of one patient with every part a hospital's entry has. */
    static List<DocumentPointer> entries(int count) {
        PatientId patient = PatientId.nationalId("15077510041");
        String hospital = "2.16.578.1.12.4.5.100.1";
        Person anne = new Person("9144900", PersonName.of("Lege", "Anne"), AssigningAuthority.iso("2.16.578.1.12.4.1.4.4"));
        Author author = new Author(anne, List.of(new Institution("Sykehuset i Vest", "974633574",
                AssigningAuthority.iso("2.16.578.1.12.4.1.4.101"))),
                List.of(new Identifier("LE", AssigningAuthority.iso("2.16.578.1.12.4.1.1.9060"), null)),
                List.of(Identifier.of("Kardiologi")),
                List.of(new Telecom(null, "Internet", "anne.lege@sykehus.no", null, null, null, null, null)));
        List<DocumentPointer> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String uuid = String.format("urn:uuid:d0000000-0000-4000-8000-%012d", i);
            entries.add(new DocumentPointer(new RegistryObjectId(uuid, hospital + ".4." + i, uuid, "1", null),
                    AvailabilityStatus.APPROVED, DocumentEntryType.STABLE, patient,
                    new DocumentCodes(new Code("A00-1", "2.16.578.1.12.4.1.1.9602", "Epikriser og sammenfatninger"),
                            new Code("J01-2", "2.16.578.1.12.4.1.1.9602", "Epikrise"),
                            new Code("urn:ihe:iti:xds:2017:mimeTypeSufficient", "1.3.6.1.4.1.19376.1.2.3", null),
                            new Code("86", "2.16.578.1.12.4.1.1.8662", "Sykehus"),
                            new Code("KARD", "2.16.578.1.12.4.1.1.8451", "Kardiologi"),
                            List.of(new Code("I21", "2.16.578.1.12.4.1.1.7110", "Akutt hjerteinfarkt")),
                            List.of(new Code("N", "2.16.840.1.113883.5.25", "Normal"))),
                    new Provenance(List.of(author), anne, "20261201090000", "20261124", "20261201100000",
                            Identifier.of(patient), new SourcePatient(List.of(Identifier.of(patient)),
                            List.of(PersonName.of("Ås", "Øyvind")), "19751507", "M", List.of(), Map.of())),
                    new DocumentLocation(hospital + ".2", "application/pdf", "nb-NO",
                            "da39a3ee5e6b4b0d3255bfef95601890afd80709", 4_294_967_396L, null, null),
                    new Text("Epikrise — hjerteavdelingen", "nb-NO", null), Text.of("Første versjon"),
                    List.of(new Identifier("REF-1", AssigningAuthority.iso(hospital + ".9"),
                            "urn:ihe:iti:xds:2013:order")),
                    Map.of("urn:no:dhoindex:channel", List.of("ehr"))));
        }
        return entries;
    }
}

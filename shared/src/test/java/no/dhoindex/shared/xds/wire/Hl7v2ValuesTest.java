package no.dhoindex.shared.xds.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import no.dhoindex.shared.xds.model.AssigningAuthority;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.Institution;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.Person;
import no.dhoindex.shared.xds.model.PersonName;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Timestamp;

/**
 * The plain HL7 v2 reader against IPF's parsers (HAPI's v2 model), the reading it replaces in answers: on the NIST
 * kit's values, the project's own (demo, benchmark, samples) and many generated ones, it gives what IPF gives or
 * refuses, and refuses whatever IPF refuses.
 */
class Hl7v2ValuesTest {

    /** The current readings: IPF's parsers as {@link Hl7v2Parts} and the answer reader used them. */
    private static final Map<String, Pair> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("xcn", new Pair(Hl7v2Parts::person, Hl7v2Values::person));
        TYPES.put("xon", new Pair(Hl7v2Parts::institution, Hl7v2Values::institution));
        TYPES.put("cx", new Pair(Hl7v2Parts::identifier, Hl7v2Values::identifier));
        TYPES.put("cxi", new Pair(Hl7v2Parts::referenceId, Hl7v2Values::referenceId));
        TYPES.put("patient", new Pair(Hl7v2ValuesTest::ipfPatient, Hl7v2Values::patient));
        TYPES.put("dtm", new Pair(Hl7v2ValuesTest::ipfTime, Hl7v2Values::time));
    }

    private record Pair(Function<String, Object> ipf, Function<String, Object> plain) {
    }

    /** The project's own values: the demo's, the benchmark's simulated communities', the answer samples'. */
    private static final List<String[]> OWN = List.of(
            new String[] {"xcn", "^Sykepleier^Ola^^^"}, new String[] {"xcn", "9144900^Lege^Anne^^^^^^&2.16.578.1.12.4.1.4.4&ISO"},
            new String[] {"xcn", "9144900^Lege^Anne^Marie^jr^dr^MD^^&2.16.578.1.12.4.1.4.4&ISO"},
            new String[] {"xcn", "id\\S\\1\\T\\2^Ås\\F\\Berg\\S\\Hansen^Ola\\R\\Per^a\\E\\b^^^^^NS\\T\\1&1.2.3&ISO"},
            new String[] {"xcn", "123^^^^^^^^NS&1.2.3&ISO"}, new String[] {"xcn", "^Smith&Jr"},
            new String[] {"xcn", "&x"}, new String[] {"xcn", "^^^^^^^^&1.2&ISO&x"},
            new String[] {"xon", "Smith & Jones"}, new String[] {"xon", "A\\X000d\\\nB\\T\\C\t#"},
            new String[] {"cx", "&x"}, new String[] {"cx", "^^^&&&x"},
            new String[] {"xon", "Demo kommune^^^^^&2.16.578.1.12.4.1.4.101&ISO^^^^974600951"},
            new String[] {"xon", "Demo sykehus HF^^^^^&2.16.578.1.12.4.1.4.101&ISO^^^^974589095"},
            new String[] {"xon", "Annet sykehus^^983974899^^^&2.16.578.1.12.4.1.4.101&ISO"},
            new String[] {"xon", "Legekontoret <Øst> & \"Vest\"\r\nAvd. 2\t#"}, new String[] {"xon", "A \\T\\ B^^^^^&1.2&ISO"},
            new String[] {"cx", "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO"}, new String[] {"cx", "L-7^^^&1.2&ISO^MR"},
            new String[] {"cx", "x\\S\\y"}, new String[] {"cx", "LE^^^&2.16.578.1.12.4.1.1.9060&ISO"},
            new String[] {"cxi", "REF-1^^^&2.16.578.1.12.4.5.100.9&ISO^urn:ihe:iti:xds:2013:order"},
            new String[] {"cxi", "ACC-9^^^HOSP^urn:ihe:iti:xds:2013:accession"},
            new String[] {"cxi", "1.2.3.4^^^^urn:ihe:iti:xds:2013:uniqueId"},
            new String[] {"patient", "15077510041^^^&2.16.578.1.12.4.1.4.1&ISO"},
            new String[] {"patient", "15077510041^^^&2.16.578.1.12.4.1.4.1&L"},
            new String[] {"patient", "15077510041^^^NO&2.16.578.1.12.4.1.4.1&ISO"},
            new String[] {"patient", "^^^&2.16.578.1.12.4.1.4.1&ISO"}, new String[] {"patient", "15077510041^^^"},
            new String[] {"dtm", "20261201090000"}, new String[] {"dtm", "20261124"}, new String[] {"dtm", "19751507"},
            new String[] {"dtm", "20261201120000"}, new String[] {"dtm", "20261201101500"});

    @Test
    void readsTheNistKitsValuesAsIpf() throws IOException {
        List<String[]> kit = resource("/hl7v2/nist-kit-values.tsv");
        assertTrue(kit.size() > 100, "the kit's values are there");
        List<String[]> withPatients = new ArrayList<>(kit);
        kit.stream().filter(v -> v[0].equals("cx")).forEach(v -> withPatients.add(new String[] {"patient", v[1]}));
        Tally tally = compare(withPatients);
        assertEquals(List.of(), tally.refusedOnlyHere, "every kit value IPF reads is read here too");
        assertTrue(tally.same > 150, "compared " + tally.same);
    }

    @Test
    void readsTheProjectsOwnValuesAsIpf() {
        Tally tally = compare(OWN);
        assertEquals(List.of(), tally.refusedOnlyHere);
        assertEquals(OWN.size(), tally.same);
    }

    @Test
    void readsGeneratedCompositesAsIpfOrRefuses() {
        Random random = new Random(20261203);
        List<String[]> values = new ArrayList<>();
        for (String type : List.of("xcn", "xon", "cx", "cxi", "patient")) {
            for (int i = 0; i < 6000; i++) {
                values.add(new String[] {type, composite(random)});
                values.add(new String[] {type, soup(random, "ab1^&\\~|FSTREX. ")});
            }
        }
        Tally tally = compare(values);
        // Most generated values must be read, not refused: the comparison has to be of readings.
        assertTrue(tally.same > values.size() * 6 / 10, tally.toString());
    }

    @Test
    void readsGeneratedTimesAsIpfOrRefuses() {
        Random random = new Random(42);
        List<String[]> values = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            values.add(new String[] {"dtm", time(random)});
            values.add(new String[] {"dtm", soup(random, "0123456789+-. 0123456789")});
        }
        Tally tally = compare(values);
        assertTrue(tally.bothRead > 8000, tally.toString());
    }

    @Test
    void unescapesTheFiveSeparatorsAndKeepsThePartsApart() {
        assertEquals(new Person("a|b", new PersonName("c^d", "e&f", "g~h", "i\\j", null, null),
                        new AssigningAuthority("N&S", "1.2", "ISO")),
                Hl7v2Values.person("a\\F\\b^c\\S\\d^e\\T\\f^g\\R\\h^i\\E\\j^^^^N\\T\\S&1.2&ISO"));
        assertEquals(new Institution("A\r\nB", null, null), Hl7v2Values.institution("A\\X000d\\\nB"),
                "a carriage return as HAPI escapes it");
        assertEquals(new Institution("Parma Community", "1.2.3", null),
                Hl7v2Values.institution("Parma Community^^^^^^^^^1.2.3"));
        assertEquals(new Institution("Annet sykehus", "983974899", AssigningAuthority.iso("2.16.578.1.12.4.1.4.101")),
                Hl7v2Values.institution("Annet sykehus^^983974899^^^&2.16.578.1.12.4.1.4.101&ISO"), "XON.3 as the id");
        assertEquals(new PatientId("IHERED-2718", "1.3.6.1.4.1.21367.13.20.1000"),
                Hl7v2Values.patient("IHERED-2718^^^&1.3.6.1.4.1.21367.13.20.1000&ISO"));
    }

    @Test
    void emptyIsWhatIpfCountsAsEmpty() {
        assertNull(Hl7v2Values.identifier("^^^NS"), "an Identifiable counts only CX.1, CX.4.2 and CX.4.3");
        assertEquals(new Identifier(null, new AssigningAuthority("NS", null, null), null),
                Hl7v2Values.referenceId("^^^NS"), "a reference id counts CX.4.1 too");
        assertNull(Hl7v2Values.institution("^^123"), "an XON counts only XON.1, .6 and .10");
        assertEquals(new Person(null, null, null), Hl7v2Values.person("^^^^^^^^^L"), "an XCN counts every part");
        assertNull(Hl7v2Values.patient("^^^&1.2&ISO"));
        assertNull(Hl7v2Values.person(""));
    }

    @Test
    void timesAreUtcAtTheirOwnPrecision() {
        assertEquals("20051224", Hl7v2Values.time("20051224"));
        assertEquals("20181231230000", Hl7v2Values.time("20190101000000.1234+0100"));
        assertEquals("20181231", Hl7v2Values.time("20190101+0100"), "a date moved by its offset, as IPF does");
        assertEquals("202001010130", Hl7v2Values.time("201912312330-0200"));
        assertEquals("2019", Hl7v2Values.time("2019-0000"));
        assertNull(Hl7v2Values.time(""));
    }

    @Test
    void refusesWhatItCannotReadAsIpf() {
        for (String xcn : List.of("a\\X0D\\b", "a\\.br\\b", "a\\", "a\\S", "\\Q\\")) {
            assertThrows(IllegalArgumentException.class, () -> Hl7v2Values.person(xcn), xcn);
        }
        for (String dtm : List.of("2019013", "20190230", "20191301", "201901011260", "20190101+2400", "2019 ",
                "20190101.5", "20190101000000.12345", "x")) {
            assertThrows(RuntimeException.class, () -> Hl7v2Values.time(dtm), dtm);
        }
    }

    // ---- comparison -------------------------------------------------------------------------------

    private static final class Tally {
        int same;
        int bothRead;
        int bothRefused;
        final List<String> refusedOnlyHere = new ArrayList<>();

        @Override
        public String toString() {
            return "same " + same + " (both read " + bothRead + ", both refused " + bothRefused + "), refused only "
                    + "here " + refusedOnlyHere.size();
        }
    }

    private static final Object REFUSED = new Object() {
        @Override
        public String toString() {
            return "refused";
        }
    };

    private static Tally compare(List<String[]> values) {
        Tally tally = new Tally();
        for (String[] v : values) {
            Pair pair = Objects.requireNonNull(TYPES.get(v[0]), v[0]);
            Object ipf = outcome(pair.ipf(), v[1]);
            Object plain = outcome(pair.plain(), v[1]);
            if (ipf == REFUSED && plain != REFUSED) {
                fail(v[0] + " " + v[1] + ": IPF refuses it, read here as " + plain);
            } else if (ipf == REFUSED) {
                tally.same++;
                tally.bothRefused++;
            } else if (plain == REFUSED) {
                tally.refusedOnlyHere.add(v[0] + " " + v[1]);
            } else {
                assertEquals(ipf, plain, v[0] + " " + v[1]);
                tally.same++;
                tally.bothRead++;
            }
        }
        return tally;
    }

    private static Object outcome(Function<String, Object> read, String value) {
        try {
            return read.apply(value);
        } catch (RuntimeException e) {
            return REFUSED;
        }
    }

    /** The answer reader's reading of a patient's CX before the plain reader (IPF's Identifiable). */
    private static Object ipfPatient(String cx) {
        Identifiable id = cx == null ? null : Identifiable.parse(cx);
        if (id == null || id.getId() == null) {
            return null;
        }
        String authority = id.getAssigningAuthority() == null ? null : id.getAssigningAuthority().getUniversalId();
        return authority == null ? null : new PatientId(id.getId(), authority);
    }

    private static Object ipfTime(String hl7) {
        Timestamp t = hl7 == null ? null : Timestamp.fromHL7(hl7);
        return t == null ? null : t.toHL7();
    }

    // ---- generated values ---------------------------------------------------------------------------

    private static final String[] TOKENS = {"a", "Bø", "1.2.3", "ISO", "Smith", " ", "42", "L", "\"\"", "\\S\\",
            "\\T\\", "\\R\\", "\\E\\", "\\F\\", "\\X000d\\", "\n", "~", "|", "x y", "20200101"};
    private static final String[] RARE = {"\\X0D\\", "\\X000D\\", "\\X000a\\", "\\X000", "\\H\\", "\\", "\\Q\\", "\\.br\\", "\\S", "S\\"};

    /** Up to 26 components of up to 4 subcomponents of a few tokens, most of them empty. */
    private static String composite(Random random) {
        StringBuilder b = new StringBuilder();
        int components = 1 + random.nextInt(random.nextBoolean() ? 5 : 26);
        for (int c = 0; c < components; c++) {
            if (c > 0) {
                b.append('^');
            }
            if (random.nextInt(10) < 6) {
                continue;
            }
            int subs = random.nextInt(10) < 7 ? 1 : 1 + random.nextInt(4);
            for (int s = 0; s < subs; s++) {
                if (s > 0) {
                    b.append('&');
                }
                int tokens = random.nextInt(3);
                for (int t = 0; t < tokens; t++) {
                    b.append(random.nextInt(40) == 0 ? RARE[random.nextInt(RARE.length)]
                            : TOKENS[random.nextInt(TOKENS.length)]);
                }
            }
        }
        return b.toString();
    }

    private static String soup(Random random, String alphabet) {
        int n = random.nextInt(14);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** A DTM of any precision, sometimes out of range, with or without fraction and offset. */
    private static String time(Random random) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%04d", random.nextInt(10) == 0 ? random.nextInt(10000) : 1900 + random.nextInt(200)));
        int precision = random.nextInt(6);
        int[] max = {13, 32, 25, 61, 61};
        for (int p = 0; p < precision; p++) {
            int v = random.nextInt(8) == 0 ? random.nextInt(100) : random.nextInt(max[p]);
            b.append(String.format("%02d", v));
        }
        if (precision == 5 && random.nextInt(3) == 0) {
            b.append('.').append(String.format("%05d", random.nextInt(100000)), 0, 1 + random.nextInt(5));
        }
        if (random.nextBoolean()) {
            b.append(random.nextBoolean() ? '+' : '-');
            b.append(String.format("%02d%02d", random.nextInt(8) == 0 ? random.nextInt(100) : random.nextInt(15),
                    random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(4) * 15));
        }
        return b.toString();
    }

    private static List<String[]> resource(String name) throws IOException {
        List<String[]> values = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(Hl7v2ValuesTest.class.getResourceAsStream(name), name), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    values.add(line.split("\t", 2));
                }
            }
        }
        return values;
    }
}

package no.dhoindex.orgcli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import no.dhoindex.shared.xds.model.NationalIdentityNumber;

/**
 * {@code sample DIR --count N [--patients M]}: N small synthetic documents (text notes and minimal
 * PDFs) for M synthetic patients (Tenor ids: month + 80, valid mod-11 check digits) and the
 * manifest that lists them, for trying {@code provide}. Contents differ per run (seeded from the
 * clock unless {@code --seed} is given), so a fresh sample is new documents.
 */
final class Sample {

    private static final String[][] KINDS = {
        // classCode, typeCode, title
        {"A00-1", "A01-1", "Poliklinisk notat"},
        {"A00-1", "A01-2", "Epikrise"},
        {"A00-2", "A02-1", "Sykepleienotat"},
        {"A00-3", "A03-1", "Målinger hjemme"},
    };
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Sample() {
    }

    static List<String> write(Path dir, int count, int patients, long seed) {
        if (count < 1 || patients < 1) {
            throw new CliFailure("--count and --patients must be at least 1", 2);
        }
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        while (ids.size() < patients) {
            String id = syntheticId(random);
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        StringBuilder manifest = new StringBuilder("file,patient,creationTime,title,classCode,typeCode,mimeType\n");
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 8, 0);
        try {
            Files.createDirectories(dir.resolve("docs"));
            for (int i = 1; i <= count; i++) {
                String patient = ids.get((i - 1) % patients);
                String[] kind = KINDS[random.nextInt(KINDS.length)];
                LocalDateTime created = start.plusMinutes(37L * i + random.nextInt(30));
                boolean pdf = i % 5 == 0;
                String file = String.format(Locale.ROOT, "docs/%05d.%s", i, pdf ? "pdf" : "txt");
                String text = kind[2] + " " + i + " for patient " + patient + ", written " + created
                        + " (synthetic, " + Long.toHexString(random.nextLong()) + ")";
                Files.write(dir.resolve(file), pdf ? pdf(text) : (text + "\n").getBytes(StandardCharsets.UTF_8));
                manifest.append(String.join(",", file, patient, created.format(DTM),
                        Manifest.Csv.field(kind[2] + " " + i), kind[0], kind[1],
                        pdf ? "application/pdf" : "text/plain")).append('\n');
            }
            Files.writeString(dir.resolve(Manifest.FILE_NAME), manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("cannot write the sample in " + dir + ": " + e.getMessage());
        }
        return ids;
    }

    /** A synthetic national id (Tenor: month + 80) that passes the strict check. */
    static String syntheticId(Random random) {
        while (true) {
            String base = String.format(Locale.ROOT, "%02d%02d%02d%03d", 1 + random.nextInt(28), 81 + random.nextInt(12),
                    random.nextInt(100), random.nextInt(1000));
            // Of the hundred possible check digit pairs exactly one is right (or none: try another base).
            for (int k = 0; k < 100; k++) {
                String candidate = base + String.format(Locale.ROOT, "%02d", k);
                if (NationalIdentityNumber.check(candidate, true) == null) {
                    return candidate;
                }
            }
        }
    }

    /** A one-page PDF showing {@code text}: enough for a viewer, small enough for thousands. */
    static byte[] pdf(String text) {
        String stream = "BT /F1 11 Tf 50 780 Td (" + text.replaceAll("[()\\\\]", "").replaceAll("[^\\x20-\\x7e]", "?")
                + ") Tj ET";
        List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        offsets.forEach(o -> pdf.append(String.format(Locale.ROOT, "%010d 00000 n \n", o)));
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }
}

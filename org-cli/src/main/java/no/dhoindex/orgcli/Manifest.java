package no.dhoindex.orgcli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import no.dhoindex.shared.xds.model.NationalIdentityNumber;

/**
 * {@code manifest.csv} in the directory given to {@code provide}: a header row naming the columns,
 * then one row per document (RFC 4180: comma separated, fields with commas or quotes in double
 * quotes). Every row is checked before anything is sent; every defect is reported with its line,
 * file and field.
 */
public final class Manifest {

    public static final String FILE_NAME = "manifest.csv";
    static final List<String> REQUIRED = List.of("file", "patient", "creationTime");
    static final List<String> COLUMNS = List.of("file", "patient", "creationTime", "title", "classCode", "typeCode",
            "mimeType", "serviceStartTime", "serviceStopTime", "author");
    private static final Pattern DTM = Pattern.compile("\\d{8}(\\d{2}(\\d{2}(\\d{2})?)?)?");
    private static final Pattern MIME = Pattern.compile("[\\w.+-]+/[\\w.+-]+");
    private static final Pattern CODE = Pattern.compile("[^\\s^&|]{1,64}");
    private static final int MAX_REPORTED = 50;

    /** One document: {@code file} relative to the directory, with '/' separators. */
    public record Entry(int line, String file, String patient, String creationTime, String title, String classCode,
                        String typeCode, String mimeType, String serviceStartTime, String serviceStopTime,
                        String author) {
    }

    private Manifest() {
    }

    /** Reads and checks {@code dir/manifest.csv}; a {@link CliFailure} lists every defect. */
    public static List<Entry> read(Path dir) {
        Path manifest = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(manifest)) {
            throw new CliFailure("no " + FILE_NAME + " in " + dir + " (see ./dho org help)");
        }
        try {
            return parse(Files.readString(manifest, StandardCharsets.UTF_8), dir);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + manifest + ": " + e.getMessage());
        }
    }

    static List<Entry> parse(String text, Path dir) {
        List<List<String>> rows = Csv.rows(text);
        List<String> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            throw new CliFailure(FILE_NAME + " is empty: it needs a header row (" + String.join(",", REQUIRED) + ", ...)");
        }
        List<String> header = rows.get(0);
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                errors.add(FILE_NAME + " line 1: unknown column '" + column + "' (known: " + String.join(", ", COLUMNS) + ")");
            }
        }
        for (String column : REQUIRED) {
            if (!header.contains(column)) {
                errors.add(FILE_NAME + " line 1: the required column '" + column + "' is missing");
            }
        }
        if (!errors.isEmpty()) {
            throw failure(errors);
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Path root = dir.toAbsolutePath().normalize();
        for (int i = 1; i < rows.size(); i++) {
            int line = i + 1;
            List<String> row = rows.get(i);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                errors.add(FILE_NAME + " line " + line + ": " + row.size() + " fields, the header has " + header.size());
                continue;
            }
            Map<String, String> v = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String value = row.get(c).strip();
                if (!value.isEmpty()) {
                    v.put(header.get(c), value);
                }
            }
            String file = v.get("file");
            if (file == null) {
                errors.add(FILE_NAME + " line " + line + ": file is missing");
                continue;
            }
            file = file.replace('\\', '/');
            String where = FILE_NAME + " line " + line + " (" + file + "): ";
            int before = errors.size();
            Path resolved = root.resolve(file).normalize();
            if (!resolved.startsWith(root) || file.startsWith("/")) {
                errors.add(where + "file is outside " + dir);
            } else if (!Files.isRegularFile(resolved)) {
                errors.add(where + "file does not exist in " + dir);
            } else if (seen.containsKey(file)) {
                errors.add(where + "file is already listed on line " + seen.get(file));
            }
            seen.putIfAbsent(file, line);
            String patient = v.get("patient");
            if (patient == null) {
                errors.add(where + "patient is missing");
            } else {
                NationalIdentityNumber.Defect defect = NationalIdentityNumber.check(patient, true);
                if (defect != null) {
                    errors.add(where + "patient '" + patient + "': " + defect.reason());
                }
            }
            for (String field : List.of("creationTime", "serviceStartTime", "serviceStopTime")) {
                String value = v.get(field);
                if (value == null) {
                    if (REQUIRED.contains(field)) {
                        errors.add(where + field + " is missing");
                    }
                } else if (!DTM.matcher(value).matches()) {
                    errors.add(where + field + " '" + value + "': expected YYYYMMDD[hh[mm[ss]]] (UTC)");
                }
            }
            for (String field : List.of("classCode", "typeCode")) {
                String value = v.get(field);
                if (value != null && !CODE.matcher(value).matches()) {
                    errors.add(where + field + " '" + value + "': a code has no spaces or ^ & |");
                }
            }
            String mimeType = v.getOrDefault("mimeType", mimeTypeOf(file));
            if (!MIME.matcher(mimeType).matches()) {
                errors.add(where + "mimeType '" + mimeType + "': expected type/subtype, e.g. application/pdf");
            }
            if (errors.size() == before) {
                entries.add(new Entry(line, file, patient, v.get("creationTime"),
                        v.getOrDefault("title", Path.of(file).getFileName().toString()),
                        v.getOrDefault("classCode", "A00-1"), v.getOrDefault("typeCode", "A01-1"), mimeType,
                        v.get("serviceStartTime"), v.get("serviceStopTime"), v.get("author")));
            }
        }
        if (!errors.isEmpty()) {
            throw failure(errors);
        }
        return entries;
    }

    /** The mime type a file's extension implies when the manifest names none. */
    static String mimeTypeOf(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf")) {
            return "application/pdf";
        } else if (name.endsWith(".txt")) {
            return "text/plain";
        } else if (name.endsWith(".xml")) {
            return "text/xml";
        } else if (name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static CliFailure failure(List<String> errors) {
        StringBuilder message = new StringBuilder(errors.size() + " error" + (errors.size() == 1 ? "" : "s")
                + " in " + FILE_NAME + ", nothing sent:");
        errors.stream().limit(MAX_REPORTED).forEach(e -> message.append("\n  ").append(e));
        if (errors.size() > MAX_REPORTED) {
            message.append("\n  ... and ").append(errors.size() - MAX_REPORTED).append(" more");
        }
        return new CliFailure(message.toString());
    }

    /** RFC 4180 rows: fields in double quotes may hold commas, quotes ("") and line breaks. */
    static final class Csv {

        private Csv() {
        }

        static List<List<String>> rows(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        field.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(ch);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }

        /** One field as a row needs it: quoted when it holds a comma, quote or line break. */
        static String field(String value) {
            if (value == null) {
                return "";
            }
            return value.matches("(?s).*[,\"\r\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
        }
    }
}

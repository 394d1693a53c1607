package no.dhoindex.orgcli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code .dho-provided} in the directory: one line per document the repository confirmed
 * (content SHA-256, tab, document uniqueId, tab, path), so that a rerun skips it. Only a speed-up:
 * the ids are deterministic, so a document confirmed but missing here (a crash between the answer and
 * the write, a deleted journal) is sent again and answered Success without being shared twice.
 */
public final class Journal implements AutoCloseable {

    public static final String FILE_NAME = ".dho-provided";

    private final Set<String> confirmed = new HashSet<>();
    private final BufferedWriter out;

    private Journal(Path file) throws IOException {
        boolean torn = false;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            torn = !text.isEmpty() && !text.endsWith("\n");
            List<String> lines = text.lines().toList();
            // A last line cut short by a crash is ignored: that document is simply sent again.
            for (String line : torn ? lines.subList(0, lines.size() - 1) : lines) {
                String[] f = line.split("\t", 3);
                if (f.length == 3 && f[0].length() == 64 && !f[2].isEmpty()) {
                    confirmed.add(key(f[2], f[0]));
                }
            }
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (torn) {
            // Ends the torn line so that the next confirmation is a line of its own.
            out.newLine();
            out.flush();
        }
    }

    public static Journal open(Path dir) {
        try {
            return new Journal(dir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new CliFailure("cannot open the journal " + dir.resolve(FILE_NAME) + ": " + e.getMessage());
        }
    }

    /**
     * The uniqueId the repository confirmed last for the file at {@code path} (as the manifest names it)
     * provided from {@code dir}; empty when the journal has none.
     */
    public static java.util.Optional<String> uniqueIdOf(Path dir, String path) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return java.util.Optional.empty();
        }
        try {
            String found = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", 3);
                if (f.length == 3 && f[2].equals(path)) {
                    found = f[1];
                }
            }
            return java.util.Optional.ofNullable(found);
        } catch (IOException e) {
            throw new CliFailure("cannot read the journal " + file + ": " + e.getMessage());
        }
    }

    public synchronized boolean isConfirmed(String path, String sha256) {
        return confirmed.contains(key(path, sha256));
    }

    public synchronized void confirm(String path, String sha256, String documentUniqueId) {
        try {
            out.write(String.join("\t", List.of(sha256, documentUniqueId, path)));
            out.newLine();
            out.flush();
            confirmed.add(key(path, sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal: " + e.getMessage(), e);
        }
    }

    private static String key(String path, String sha256) {
        return sha256 + "\t" + path;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

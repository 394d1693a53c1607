package no.dhoindex.orgcli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code provide DIR}: ITI-41 of every document {@code DIR/manifest.csv} lists, {@code parallel}
 * at a time, skipping those the journal confirms. Each document is its own submission set, under
 * ids derived from its path and content ({@link DocumentIds}), so a rerun or a retry never shares
 * anything twice.
 */
record Provide(OrgSettings org, OrgHttp http, PrintStream err, boolean tty) {

    record Result(int listed, int skipped, int provided, List<String> failures) {
    }

    Result run(Path dir, int parallel) {
        List<Manifest.Entry> entries = Manifest.read(dir);
        String submissionTime = submissionTime();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        try (Journal journal = Journal.open(dir)) {
            List<Manifest.Entry> toSend = new ArrayList<>();
            for (Manifest.Entry entry : entries) {
                if (!journal.isConfirmed(entry.file(), DocumentIds.sha256(read(dir, entry)))) {
                    toSend.add(entry);
                }
            }
            int skipped = entries.size() - toSend.size();
            err.println(org.org() + ": " + entries.size() + " documents in " + Manifest.FILE_NAME + ", " + skipped
                    + " already provided (" + Journal.FILE_NAME + "), " + toSend.size() + " to send to "
                    + org.repository() + " (" + parallel + " in parallel)");
            Progress progress = new Progress(toSend.size(), System::nanoTime, err, tty);
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            for (Manifest.Entry entry : toSend) {
                pool.submit(() -> {
                    String failure = provide(dir, entry, submissionTime, journal);
                    if (failure != null) {
                        failures.add(failure);
                    }
                    progress.step(failure == null);
                });
            }
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    err.println("still sending ...");
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
                throw new CliFailure("interrupted; rerun to send the rest (the journal keeps what was confirmed)");
            }
            progress.finish();
            int provided = toSend.size() - failures.size();
            err.println(String.format(Locale.ROOT, "%s: %d provided, %d skipped (already provided), %d failed, in %.1f s"
                            + " (%.1f docs/s)", org.org(), provided, skipped, failures.size(),
                    progress.elapsed().toMillis() / 1000.0, progress.docsPerSecond()));
            List<String> sorted = new ArrayList<>(failures);
            Collections.sort(sorted);
            sorted.forEach(f -> err.println("  FAILED " + f));
            return new Result(entries.size(), skipped, provided, sorted);
        }
    }

    /** One document's submission; {@code null} when the repository answered Success, else why not. */
    /** Now, as a submission set's submissionTime (UTC, to the second). */
    static String submissionTime() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
    }

    private String provide(Path dir, Manifest.Entry entry, String submissionTime, Journal journal) {
        String where = entry.file() + " (" + Manifest.FILE_NAME + " line " + entry.line() + ")";
        try {
            byte[] content = read(dir, entry);
            String sha256 = DocumentIds.sha256(content);
            DocumentIds ids = DocumentIds.of(org.org(), entry.file(), sha256);
            String contentId = "document@dho-org-cli";
            String envelope = Iti41.envelope(org.repository(), org, entry, ids, content, contentId, submissionTime);
            OrgHttp.Answer answer = http.mtom(org.repository(), Iti41.ACTION, envelope,
                    java.util.Map.of(contentId, content), OrgHttp.PROVIDE);
            Iti41.Outcome outcome = Iti41.outcome(answer);
            if (!outcome.success()) {
                return where + ": " + outcome.problem();
            }
            journal.confirm(entry.file(), sha256, ids.documentUniqueId());
            return null;
        } catch (CliFailure e) {
            return where + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return where + ": " + e;
        }
    }

    private static byte[] read(Path dir, Manifest.Entry entry) {
        try {
            return Files.readAllBytes(dir.resolve(entry.file()));
        } catch (IOException e) {
            throw new CliFailure(entry.file() + " (" + Manifest.FILE_NAME + " line " + entry.line() + "): cannot read: "
                    + e.getMessage());
        }
    }
}

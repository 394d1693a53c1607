package no.dhoindex.conformance.report;

import java.util.List;
import java.util.Map;
import no.dhoindex.conformance.run.SectionResult;
import no.dhoindex.conformance.run.SectionResult.Verdict;

/** Kit results as a Markdown table (test/section → pass / fail with reason / unsupported) and their count. */
public final class ResultTable {

    private final List<SectionResult> results;

    public ResultTable(List<SectionResult> results) {
        this.results = List.copyOf(results);
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    public String summary() {
        return count(Verdict.PASS) + " passed, " + count(Verdict.FAIL) + " failed"
                + (count(Verdict.UNSUPPORTED) == 0 ? "" : ", " + count(Verdict.UNSUPPORTED) + " not supported by the runner");
    }

    public String table() {
        StringBuilder out = new StringBuilder("| test/section | result | detail |\n|---|---|---|\n");
        for (SectionResult r : results) {
            String verdict = switch (r.verdict()) {
                case PASS -> "pass";
                case FAIL -> "**fail**";
                case UNSUPPORTED -> "unsupported";
            };
            out.append("| ").append(r.id()).append(" | ").append(verdict).append(" | ")
                    .append(stable(r.detail())).append(" |\n");
        }
        return out.toString();
    }

    /** Ids minted per run (2.25.… uniqueIds) would make the committed report change on every run. */
    private static String stable(String detail) {
        return detail.replace("|", "\\|").replaceAll("\\s+", " ").replaceAll("2\\.25\\.\\d+", "2.25.…");
    }

    /**
     * One part of the report: its heading, the explanations of the failures it keeps, the table and its count.
     *
     * @param explanations test/section, or a whole test → why it does not pass (and the ITI TF section where
     *                     the kit disagrees with it)
     */
    public String markdown(String heading, Map<String, String> explanations) {
        StringBuilder out = new StringBuilder("## ").append(heading).append("\n\n**").append(summary()).append("**\n\n");
        explanations.forEach((id, why) -> {
            if (results.stream().anyMatch(r -> r.verdict() != Verdict.PASS
                    && (r.id().toString().equals(id) || r.id().test().equals(id)))) {
                out.append("- `").append(id).append("` does not pass: ").append(why).append('\n');
            }
        });
        return out.append('\n').append(table()).append('\n').append(summary()).append("\n\n").toString();
    }

    /** The explanation of a result that does not pass: its section's, else its whole test's; null if none. */
    public static String explanation(SectionResult r, Map<String, String> explanations) {
        String why = explanations.get(r.id().toString());
        return why != null ? why : explanations.get(r.id().test());
    }
}

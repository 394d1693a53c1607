package no.dhoindex.conformance.run;

import no.dhoindex.conformance.kit.SectionId;

/** How one kit section went: every step passed, a step failed (with why), or the runner cannot run it. */
public record SectionResult(SectionId id, Verdict verdict, String detail) {

    public enum Verdict { PASS, FAIL, UNSUPPORTED }

    /** @param refusals what the registry answered to the steps the plan expects to fail, so a reader can judge them */
    public static SectionResult pass(SectionId id, int steps, java.util.List<String> refusals) {
        return new SectionResult(id, Verdict.PASS, steps + (steps == 1 ? " step" : " steps")
                + (refusals.isEmpty() ? "" : "; refused as expected: " + String.join(", ", refusals)));
    }
}

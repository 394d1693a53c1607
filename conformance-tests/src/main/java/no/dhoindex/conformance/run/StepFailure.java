package no.dhoindex.conformance.run;

/** A step did not do what its plan expects; the message says what and why. */
final class StepFailure extends RuntimeException {

    StepFailure(String message) {
        super(message);
    }
}

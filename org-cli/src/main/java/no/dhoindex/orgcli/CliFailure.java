package no.dhoindex.orgcli;

/** A failure the user is told about in one line (no stack trace); the CLI exits non-zero. */
public class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(String message) {
        this(message, 1);
    }

    public CliFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

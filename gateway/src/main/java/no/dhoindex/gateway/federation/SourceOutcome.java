package no.dhoindex.gateway.federation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;

/**
 * What one source did with a federated question: answered (possibly with errors of its own),
 * refused access, or did not answer in time; {@code error} the XDS code the gateway reports for it
 * (none when it answered cleanly), {@code location} its homeCommunityId (the registry's name for the
 * registry), {@code reported} the errors and warnings the source itself reported in its answer.
 */
public record SourceOutcome(String source, String location, SourceAnswer.Outcome outcome,
                            Optional<XdsErrorCode> error, String reason, Duration elapsed, List<XdsError> reported) {

    public SourceOutcome {
        reported = List.copyOf(reported);
    }

    public boolean answered() {
        return outcome == SourceAnswer.Outcome.ANSWERED;
    }

    public boolean refused() {
        return outcome == SourceAnswer.Outcome.REFUSED;
    }
}

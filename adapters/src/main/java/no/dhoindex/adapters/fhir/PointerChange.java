package no.dhoindex.adapters.fhir;

import java.util.HashSet;
import java.util.Optional;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentPointer;

/**
 * What a patient's on-demand pointer of one kind must become so that it says what the platform
 * holds now: nothing to do, a first pointer (ITI-61), a new version of the same logical entry
 * (ITI-92 restricted update) or its removal (ITI-62). Pure: decided from the recorded pointer and
 * the platform's data alone.
 */
public sealed interface PointerChange {

    /** The pointer (or its absence) is true as it is. */
    record Keep() implements PointerChange {
    }

    /** The patient has data of this kind and no pointer yet. */
    record Publish(PatientData data) implements PointerChange {
    }

    /** The period or the codes moved on: a new version of {@code current}. */
    record Update(DocumentPointer current, PatientData data) implements PointerChange {
    }

    /** The patient has no data of this kind any more: the pointer goes. */
    record Remove(DocumentPointer current) implements PointerChange {
    }

    static PointerChange decide(Optional<DocumentPointer> current, PatientData data) {
        if (data.count() == 0) {
            return current.<PointerChange>map(Remove::new).orElseGet(Keep::new);
        }
        if (current.isEmpty()) {
            return new Publish(data);
        }
        return differs(current.get(), data) ? new Update(current.get(), data) : new Keep();
    }

    /** Service start/stop are the oldest/newest datum and the event codes what was measured, exactly. */
    private static boolean differs(DocumentPointer current, PatientData data) {
        var provenance = current.provenance();
        return !same(provenance.serviceStartTime(), data.firstTime())
                || !same(provenance.serviceStopTime(), data.lastTime())
                || !new HashSet<>(current.codes().eventCodes().stream().map(Code::code).toList())
                        .equals(new HashSet<>(data.codes()));
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}

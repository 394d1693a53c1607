package no.dhoindex.adapters.interfaces.soap;

import java.util.List;
import no.dhoindex.adapters.access.SourceAccessLog;
import no.dhoindex.adapters.retrieve.RetrieveDocuments;
import no.dhoindex.shared.access.AccessRecord;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xua.XuaClaims;

/**
 * What goes into this organisation's access log for each answered call, recorded before the
 * answer leaves (a record that cannot be stored fails the call): who asked (the XUA claims), about
 * whom, what was given and what was not.
 */
final class Accesses {

    private Accesses() {
    }

    static void queried(SourceAccessLog log, XuaClaims who, String transaction, PatientId patient, int objects) {
        log.record(who, patient, transaction + ": " + objects + " entries shared",
                AccessRecord.Outcome.GRANTED, null);
    }

    static void retrieved(SourceAccessLog log, XuaClaims who, String transaction,
                          List<RetrieveDocuments.Result> results) {
        long given = results.stream().filter(r -> r.refusal() == null).count();
        long withheld = results.size() - given;
        log.record(who, null, transaction + ": " + given + " of " + results.size() + " documents given",
                given > 0 || results.isEmpty() ? AccessRecord.Outcome.GRANTED : AccessRecord.Outcome.REFUSED,
                withheld == 0 ? null : withheld + " not given (unknown here, blocked by the patient or not shared)");
    }

    static void refused(SourceAccessLog log, XuaClaims who, String transaction, PatientId patient, String reason) {
        log.record(who, patient, transaction + " refused", AccessRecord.Outcome.REFUSED, reason);
    }
}

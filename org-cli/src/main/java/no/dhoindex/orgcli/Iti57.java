package no.dhoindex.orgcli;

import java.net.URI;
import java.util.UUID;

/**
 * ITI-57 Update Document Set of one status change (ITI TF-2b 3.57.4.1.3.3.2.1): a submission set for the
 * document's patient and an UpdateAvailabilityStatus association from it to the document's entry, naming the
 * status it has and the one it is to get.
 */
final class Iti57 {

    static final String ACTION = "urn:ihe:iti:2010:UpdateDocumentSet";
    private static final String STATUS = "urn:oasis:names:tc:ebxml-regrep:StatusType:";

    private Iti57() {
    }

    /** A status the organisation may give its document's pointer. */
    enum Status {
        APPROVED("Approved"), DEPRECATED("Deprecated");

        final String ebrim;

        Status(String ebrim) {
            this.ebrim = ebrim;
        }
    }

    /**
     * The request to change the status of the entry {@code entryUuid} of patient {@code patientCx} from
     * {@code from} to {@code to}; the submission set's content type is the document's class, its uniqueId new.
     */
    static String envelope(URI endpoint, OrgSettings org, String entryUuid, String patientCx, String classCode,
                           String classScheme, Status from, Status to, String submissionTime) {
        UUID set = UUID.randomUUID();
        StringBuilder x = Iti41.header(endpoint, ACTION);
        Iti41.submitObjects(x);
        Iti41.submissionSet(x, "urn:uuid:" + set, org, patientCx, null, classCode, classScheme,
                DocumentIds.oid(set), submissionTime, "dho org " + to.name().toLowerCase(java.util.Locale.ROOT));
        x.append("<rim:Association id=\"urn:uuid:").append(UUID.randomUUID()).append("\" associationType=\"")
                .append("urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus\" sourceObject=\"urn:uuid:")
                .append(set).append("\" targetObject=\"").append(Iti41.esc(entryUuid)).append("\">");
        Iti41.slot(x, "OriginalStatus", STATUS + from.ebrim);
        Iti41.slot(x, "NewStatus", STATUS + to.ebrim);
        x.append("</rim:Association></rim:RegistryObjectList></lcm:SubmitObjectsRequest>");
        return x.append("</s:Body></s:Envelope>").toString();
    }
}

package no.dhoindex.shared.xds.query;

import no.dhoindex.shared.xds.model.DtmTime;

/**
 * A time range on an HL7 DTM attribute: {@code from} inclusive, {@code to} exclusive (ITI TF-2a
 * 3.18.4.1.2.3.7), either open. Bounds are DTM strings of any precision.
 */
public record TimeRange(String from, String to) {

    public static final TimeRange ANY = new TimeRange(null, null);

    public boolean isOpen() {
        return from == null && to == null;
    }

    /** Whether the DTM value lies in the range; an absent value lies in no bounded range. */
    public boolean contains(String dtm) {
        if (isOpen()) {
            return true;
        }
        String value = DtmTime.sortable(dtm);
        if (value == null) {
            return false;
        }
        return (from == null || value.compareTo(DtmTime.sortable(from)) >= 0)
                && (to == null || value.compareTo(DtmTime.sortable(to)) < 0);
    }
}

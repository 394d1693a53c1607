package no.dhoindex.shared.xds.model;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * HL7 DTM times (YYYY[MM[DD[HH[MM[SS]]]]], UTC) as XDS metadata carries them. Values of
 * different precision compare by padding to fourteen digits, so "2004" sorts as the first
 * second of 2004.
 */
public final class DtmTime {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private DtmTime() {
    }

    /** The sortable fourteen-digit form, or {@code null} for no time. */
    public static String sortable(String dtm) {
        if (dtm == null || dtm.isBlank()) {
            return null;
        }
        String digits = dtm.length() > 14 ? dtm.substring(0, 14) : dtm;
        return (digits + "00000000000000").substring(0, 14);
    }

    public static String now() {
        return SECONDS.format(ZonedDateTime.now(ZoneOffset.UTC));
    }
}

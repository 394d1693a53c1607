package no.dhoindex.shared.xds.model;

import java.util.List;

/** What a document is, clinically and technically: the coded attributes queries select on. */
public record DocumentCodes(Code classCode, Code typeCode, Code formatCode, Code healthcareFacilityTypeCode,
                            Code practiceSettingCode, List<Code> eventCodes, List<Code> confidentialityCodes) {

    public DocumentCodes {
        eventCodes = List.copyOf(eventCodes);
        confidentialityCodes = List.copyOf(confidentialityCodes);
    }
}

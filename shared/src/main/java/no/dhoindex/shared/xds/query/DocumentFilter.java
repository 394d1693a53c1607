package no.dhoindex.shared.xds.query;

import java.util.List;
import java.util.Set;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentCodes;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.Identifier;

/**
 * The DocumentEntry selection of FindDocuments / FindDocumentsByReferenceId (ITI TF-2a
 * 3.18.4.1.2.3.7.1); the filters other queries share are a subset. Empty means "no filter".
 */
public record DocumentFilter(Set<AvailabilityStatus> statuses, Set<DocumentEntryType> types,
                             CodeFilter classCodes, CodeFilter typeCodes, CodeFilter practiceSettingCodes,
                             CodeFilter healthcareFacilityTypeCodes, CodeFilter eventCodes,
                             CodeFilter confidentialityCodes, CodeFilter formatCodes, TimeRange creationTime,
                             TimeRange serviceStartTime, TimeRange serviceStopTime, List<String> authorPersons,
                             List<String> referenceIds, boolean allVersions) {

    /** Only the latest version of each entry ($MetadataLevel 1, the default: ITI TF-2a 3.18.4.1.2.3.5.1). */
    public DocumentFilter(Set<AvailabilityStatus> statuses, Set<DocumentEntryType> types,
                          CodeFilter classCodes, CodeFilter typeCodes, CodeFilter practiceSettingCodes,
                          CodeFilter healthcareFacilityTypeCodes, CodeFilter eventCodes,
                          CodeFilter confidentialityCodes, CodeFilter formatCodes, TimeRange creationTime,
                          TimeRange serviceStartTime, TimeRange serviceStopTime, List<String> authorPersons,
                          List<String> referenceIds) {
        this(statuses, types, classCodes, typeCodes, practiceSettingCodes, healthcareFacilityTypeCodes, eventCodes,
                confidentialityCodes, formatCodes, creationTime, serviceStartTime, serviceStopTime, authorPersons,
                referenceIds, false);
    }

    /** The same filter over every version of each entry ($MetadataLevel 2) when {@code all}. */
    public DocumentFilter withAllVersions(boolean all) {
        return new DocumentFilter(statuses, types, classCodes, typeCodes, practiceSettingCodes,
                healthcareFacilityTypeCodes, eventCodes, confidentialityCodes, formatCodes, creationTime,
                serviceStartTime, serviceStopTime, authorPersons, referenceIds, all);
    }

    public DocumentFilter {
        statuses = Set.copyOf(statuses);
        types = types == null || types.isEmpty() ? Set.of(DocumentEntryType.STABLE) : Set.copyOf(types);
        authorPersons = authorPersons == null ? List.of() : List.copyOf(authorPersons);
        referenceIds = referenceIds == null ? List.of() : List.copyOf(referenceIds);
    }

    /** Whether the entry passes every filter: the in-memory form of what the store does in SQL. */
    public boolean matches(DocumentPointer d) {
        DocumentCodes c = d.codes();
        return (statuses.isEmpty() || statuses.contains(d.status()))
                && types.contains(d.type())
                && classCodes.matches(single(c.classCode()))
                && typeCodes.matches(single(c.typeCode()))
                && practiceSettingCodes.matches(single(c.practiceSettingCode()))
                && healthcareFacilityTypeCodes.matches(single(c.healthcareFacilityTypeCode()))
                && formatCodes.matches(single(c.formatCode()))
                && eventCodes.matches(c.eventCodes())
                && confidentialityCodes.matches(c.confidentialityCodes())
                && creationTime.contains(d.provenance().creationTime())
                && serviceStartTime.contains(d.provenance().serviceStartTime())
                && serviceStopTime.contains(d.provenance().serviceStopTime())
                && (authorPersons.isEmpty() || d.provenance().authors().stream()
                        .anyMatch(a -> authorPersons.stream().anyMatch(p -> a.person() != null && AuthorPattern.matches(p, a.person().toXcn()))))
                && (referenceIds.isEmpty() || d.referenceIds().stream().map(Identifier::toCx).anyMatch(referenceIds::contains));
    }

    private static List<Code> single(Code code) {
        return code == null ? List.of() : List.of(code);
    }

    /** Only the status/type/format/confidentiality filters GetAll and the *AndContents queries take. */
    public static DocumentFilter contents(Set<AvailabilityStatus> statuses, Set<DocumentEntryType> types,
                                          CodeFilter confidentialityCodes, CodeFilter formatCodes) {
        return new DocumentFilter(statuses, types, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY,
                CodeFilter.ANY, confidentialityCodes, formatCodes, TimeRange.ANY, TimeRange.ANY, TimeRange.ANY,
                List.of(), List.of());
    }

    /** Approved entries of the given types and class codes, nothing else filtered: how the gateway asks for FHIR callers. */
    public static DocumentFilter approved(Set<DocumentEntryType> types, CodeFilter classCodes) {
        return new DocumentFilter(Set.of(AvailabilityStatus.APPROVED), types, classCodes, CodeFilter.ANY, CodeFilter.ANY,
                CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, CodeFilter.ANY, TimeRange.ANY, TimeRange.ANY,
                TimeRange.ANY, List.of(), List.of());
    }
}

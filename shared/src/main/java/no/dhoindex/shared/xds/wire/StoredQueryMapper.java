package no.dhoindex.shared.xds.wire;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.AssociationType;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.query.TimeRange;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.DocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsByReferenceIdQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindFoldersQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindSubmissionSetsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetAllQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetAssociationsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetByIdAndCodesQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetDocumentsAndAssociationsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetFolderAndContentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetFoldersForDocumentQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetFoldersQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetFromDocumentQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetRelatedDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetSubmissionSetAndContentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetSubmissionSetsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.Query;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryList;

/** Translates IPF's parsed stored query into the registry's {@link StoredQuery}. */
public final class StoredQueryMapper {

    private static final Set<AvailabilityStatus> ALL_STATUSES = EnumSet.allOf(AvailabilityStatus.class);

    private StoredQueryMapper() {
    }

    public static StoredQuery toStoredQuery(Query q) {
        if (q instanceof FindDocumentsQuery f) {
            List<String> referenceIds = f instanceof FindDocumentsByReferenceIdQuery r
                    ? flatten(r.getReferenceIds()) : List.of();
            return new StoredQuery.FindDocuments(patient(f.getPatientId()), documentFilter(f, statuses(f.getStatus()),
                    types(f.getDocumentEntryTypes()), referenceIds).withAllVersions(allVersions(f.getMetadataLevel())));
        }
        if (q instanceof FindSubmissionSetsQuery s) {
            return new StoredQuery.FindSubmissionSets(patient(s.getPatientId()), statuses(s.getStatus()),
                    s.getSourceIds() == null ? List.of() : s.getSourceIds(), range(s.getSubmissionTime()),
                    s.getAuthorPerson(), CodeFilter.anyOf(codes(s.getContentTypeCodes())));
        }
        if (q instanceof FindFoldersQuery f) {
            return new StoredQuery.FindFolders(patient(f.getPatientId()), statuses(f.getStatus()),
                    range(f.getLastUpdateTime()), codeFilter(f.getCodes()), allVersions(f.getMetadataLevel()));
        }
        if (q instanceof GetAllQuery g) {
            return new StoredQuery.GetAll(patient(g.getPatientId()),
                    DocumentFilter.contents(statuses(g.getStatusDocuments()), types(g.getDocumentEntryTypes()),
                            codeFilter(g.getConfidentialityCodes()), CodeFilter.anyOf(codes(g.getFormatCodes()))),
                    statuses(g.getStatusSubmissionSets()), statuses(g.getStatusFolders()));
        }
        if (q instanceof GetDocumentsQuery g) {
            return new StoredQuery.GetDocuments(new ObjectSelector(g.getUuids(), g.getUniqueIds(), g.getLogicalUuid()));
        }
        if (q instanceof GetFoldersQuery g) {
            return new StoredQuery.GetFolders(new ObjectSelector(g.getUuids(), g.getUniqueIds(), g.getLogicalUuid()));
        }
        if (q instanceof GetAssociationsQuery g) {
            return new StoredQuery.GetAssociations(ObjectSelector.byUuids(g.getUuids()));
        }
        if (q instanceof GetDocumentsAndAssociationsQuery g) {
            return new StoredQuery.GetDocumentsAndAssociations(new ObjectSelector(g.getUuids(), g.getUniqueIds()));
        }
        if (q instanceof GetSubmissionSetsQuery g) {
            return new StoredQuery.GetSubmissionSets(ObjectSelector.byUuids(g.getUuids()));
        }
        if (q instanceof GetSubmissionSetAndContentsQuery g) {
            return new StoredQuery.GetSubmissionSetAndContents(single(g), contents(g));
        }
        if (q instanceof GetFolderAndContentsQuery g) {
            return new StoredQuery.GetFolderAndContents(single(g), contents(g), allVersions(g.getMetadataLevel()),
                    statuses(g.getAssociationStatuses()));
        }
        if (q instanceof GetFoldersForDocumentQuery g) {
            return new StoredQuery.GetFoldersForDocument(single(g));
        }
        if (q instanceof GetRelatedDocumentsQuery g) {
            Set<AssociationType> associationTypes = g.getAssociationTypes() == null ? Set.of()
                    : g.getAssociationTypes().stream().map(t -> AssociationType.valueOf(t.name()))
                            .collect(Collectors.toUnmodifiableSet());
            return new StoredQuery.GetRelatedDocuments(single(g), associationTypes, types(g.getDocumentEntryTypes()),
                    statuses(g.getAssociationStatuses()));
        }
        throw new XdsRefusal(XdsErrorCode.UNKNOWN_STORED_QUERY,
                "Stored query " + q.getType().getId() + " is not supported by this registry");
    }

    /** $MetadataLevel 2 asks for every version; 1, the default, for the latest only (ITI TF-2a 3.18.4.1.2.3.5.1). */
    private static boolean allVersions(Integer metadataLevel) {
        return metadataLevel != null && metadataLevel == 2;
    }

    private static DocumentFilter documentFilter(DocumentsQuery q, Set<AvailabilityStatus> statuses,
                                                 Set<DocumentEntryType> types, List<String> referenceIds) {
        return new DocumentFilter(statuses, types,
                CodeFilter.anyOf(codes(q.getClassCodes())), CodeFilter.anyOf(codes(q.getTypeCodes())),
                CodeFilter.anyOf(codes(q.getPracticeSettingCodes())),
                CodeFilter.anyOf(codes(q.getHealthcareFacilityTypeCodes())), codeFilter(q.getEventCodes()),
                codeFilter(q.getConfidentialityCodes()), CodeFilter.anyOf(codes(q.getFormatCodes())),
                range(q.getCreationTime()), range(q.getServiceStartTime()), range(q.getServiceStopTime()),
                q.getAuthorPersons(), referenceIds);
    }

    private static DocumentFilter contents(GetByIdAndCodesQuery q) {
        return DocumentFilter.contents(ALL_STATUSES, types(q.getDocumentEntryTypes()),
                codeFilter(q.getConfidentialityCodes()), CodeFilter.anyOf(codes(q.getFormatCodes())));
    }

    private static ObjectSelector single(GetFromDocumentQuery q) {
        return new ObjectSelector(q.getUuid() == null ? List.of() : List.of(q.getUuid()),
                q.getUniqueId() == null ? List.of() : List.of(q.getUniqueId()));
    }

    private static PatientId patient(Identifiable id) {
        if (id == null || id.getId() == null || id.getAssigningAuthority() == null
                || id.getAssigningAuthority().getUniversalId() == null) {
            throw new XdsRefusal(XdsErrorCode.STORED_QUERY_MISSING_PARAM,
                    "The patient id must be a CX with an ISO assigning authority");
        }
        return new PatientId(id.getId(), id.getAssigningAuthority().getUniversalId());
    }

    private static Set<AvailabilityStatus> statuses(List<org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus> s) {
        if (s == null || s.isEmpty()) {
            return Set.of();
        }
        return s.stream().filter(java.util.Objects::nonNull).map(x -> AvailabilityStatus.valueOf(x.name()))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Set<DocumentEntryType> types(List<org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType> t) {
        if (t == null || t.isEmpty()) {
            return Set.of(DocumentEntryType.STABLE);
        }
        return t.stream().map(x -> DocumentEntryType.valueOf(x.name())).collect(Collectors.toUnmodifiableSet());
    }

    private static List<Code> codes(List<org.openehealth.ipf.commons.ihe.xds.core.metadata.Code> codes) {
        return codes == null ? List.of() : MetadataMapper.codes(codes);
    }

    private static CodeFilter codeFilter(QueryList<org.openehealth.ipf.commons.ihe.xds.core.metadata.Code> list) {
        if (list == null || list.getOuterList().isEmpty()) {
            return CodeFilter.ANY;
        }
        return new CodeFilter(list.getOuterList().stream().map(MetadataMapper::codes).toList());
    }

    private static List<String> flatten(QueryList<String> list) {
        return list == null ? List.of() : list.getOuterList().stream().flatMap(List::stream).toList();
    }

    private static TimeRange range(org.openehealth.ipf.commons.ihe.xds.core.metadata.TimeRange r) {
        if (r == null) {
            return TimeRange.ANY;
        }
        return new TimeRange(r.getFrom() == null ? null : r.getFrom().toHL7(),
                r.getTo() == null ? null : r.getTo().toHL7());
    }
}

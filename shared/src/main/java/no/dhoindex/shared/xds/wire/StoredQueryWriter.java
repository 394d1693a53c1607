package no.dhoindex.shared.xds.wire;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.query.TimeRange;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Code;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.DocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsByReferenceIdQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindFoldersQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindSubmissionSetsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetAllQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetAssociationsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetByIdAndCodesQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetByIdQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetDocumentsAndAssociationsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetFolderAndContentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetFoldersForDocumentQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetFoldersQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetFromDocumentQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetRelatedDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetSubmissionSetAndContentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetSubmissionSetsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryList;

/**
 * The inverse of {@link StoredQueryMapper}: a domain {@link StoredQuery} as IPF's stored query, so
 * that a gateway can ask a community (ITI-38) or the registry (ITI-18) the question it was asked.
 * Written and read back, a query is equal to itself ({@code StoredQueryWriterTest}).
 */
public final class StoredQueryWriter {

    private StoredQueryWriter() {
    }

    public static org.openehealth.ipf.commons.ihe.xds.core.requests.query.StoredQuery toIpf(StoredQuery query) {
        if (query instanceof StoredQuery.FindDocuments q) {
            FindDocumentsQuery f;
            if (q.filter().referenceIds().isEmpty()) {
                f = new FindDocumentsQuery();
            } else {
                FindDocumentsByReferenceIdQuery r = new FindDocumentsByReferenceIdQuery();
                QueryList<String> ids = new QueryList<>();
                ids.getOuterList().add(q.filter().referenceIds());
                r.setReferenceIds(ids);
                f = r;
            }
            f.setPatientId(patient(q.patientId()));
            f.setStatus(statuses(q.filter().statuses()));
            f.setDocumentEntryTypes(types(q.filter().types()));
            documents(f, q.filter());
            return f;
        }
        if (query instanceof StoredQuery.FindSubmissionSets q) {
            FindSubmissionSetsQuery s = new FindSubmissionSetsQuery();
            s.setPatientId(patient(q.patientId()));
            s.setStatus(statuses(q.statuses()));
            s.setSourceIds(q.sourceIds().isEmpty() ? null : q.sourceIds());
            range(q.submissionTime(), s.getSubmissionTime());
            s.setAuthorPerson(q.authorPerson());
            s.setContentTypeCodes(anyOf(q.contentTypeCodes()));
            return s;
        }
        if (query instanceof StoredQuery.FindFolders q) {
            FindFoldersQuery f = new FindFoldersQuery();
            f.setPatientId(patient(q.patientId()));
            f.setStatus(statuses(q.statuses()));
            range(q.lastUpdateTime(), f.getLastUpdateTime());
            f.setCodes(allOf(q.codes()));
            return f;
        }
        if (query instanceof StoredQuery.GetAll q) {
            GetAllQuery g = new GetAllQuery();
            g.setPatientId(patient(q.patientId()));
            g.setStatusDocuments(statuses(q.documents().statuses()));
            g.setStatusSubmissionSets(statuses(q.submissionSetStatuses()));
            g.setStatusFolders(statuses(q.folderStatuses()));
            g.setDocumentEntryTypes(types(q.documents().types()));
            g.setConfidentialityCodes(allOf(q.documents().confidentialityCodes()));
            g.setFormatCodes(anyOf(q.documents().formatCodes()));
            return g;
        }
        if (query instanceof StoredQuery.GetDocuments q) {
            return byId(new GetDocumentsQuery(), q.selector());
        }
        if (query instanceof StoredQuery.GetFolders q) {
            GetFoldersQuery g = byId(new GetFoldersQuery(), q.selector());
            if (!q.selector().logicalIds().isEmpty()) {
                g.setUuids(null);
                g.setLogicalUuid(q.selector().logicalIds());
            }
            return g;
        }
        if (query instanceof StoredQuery.GetDocumentsAndAssociations q) {
            return byId(new GetDocumentsAndAssociationsQuery(), q.selector());
        }
        if (query instanceof StoredQuery.GetAssociations q) {
            GetAssociationsQuery g = new GetAssociationsQuery();
            g.setUuids(q.selector().entryUuids());
            return g;
        }
        if (query instanceof StoredQuery.GetSubmissionSets q) {
            GetSubmissionSetsQuery g = new GetSubmissionSetsQuery();
            g.setUuids(q.selector().entryUuids());
            return g;
        }
        if (query instanceof StoredQuery.GetSubmissionSetAndContents q) {
            return contents(single(new GetSubmissionSetAndContentsQuery(), q.selector()), q.documents());
        }
        if (query instanceof StoredQuery.GetFolderAndContents q) {
            GetFolderAndContentsQuery g = contents(single(new GetFolderAndContentsQuery(), q.selector()), q.documents());
            if (q.allVersions()) {
                g.setMetadataLevel(2);
            }
            g.setAssociationStatuses(associationStatuses(q.associationStatuses()));
            return g;
        }
        if (query instanceof StoredQuery.GetFoldersForDocument q) {
            return single(new GetFoldersForDocumentQuery(), q.selector());
        }
        StoredQuery.GetRelatedDocuments q = (StoredQuery.GetRelatedDocuments) query;
        GetRelatedDocumentsQuery g = single(new GetRelatedDocumentsQuery(), q.selector());
        g.setAssociationTypes(q.associationTypes().stream().sorted()
                .map(t -> org.openehealth.ipf.commons.ihe.xds.core.metadata.AssociationType.valueOf(t.name())).toList());
        g.setDocumentEntryTypes(types(q.types()));
        g.setAssociationStatuses(associationStatuses(q.associationStatuses()));
        return g;
    }

    /** $XDSAssociationStatus is sent only when it asks for more than the default, approved associations. */
    private static List<org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus> associationStatuses(
            Set<AvailabilityStatus> statuses) {
        return statuses.equals(Set.of(AvailabilityStatus.APPROVED)) ? null : statuses(statuses);
    }

    private static void documents(DocumentsQuery q, DocumentFilter f) {
        q.setClassCodes(anyOf(f.classCodes()));
        q.setTypeCodes(anyOf(f.typeCodes()));
        q.setPracticeSettingCodes(anyOf(f.practiceSettingCodes()));
        q.setHealthcareFacilityTypeCodes(anyOf(f.healthcareFacilityTypeCodes()));
        q.setEventCodes(allOf(f.eventCodes()));
        q.setConfidentialityCodes(allOf(f.confidentialityCodes()));
        q.setFormatCodes(anyOf(f.formatCodes()));
        range(f.creationTime(), q.getCreationTime());
        range(f.serviceStartTime(), q.getServiceStartTime());
        range(f.serviceStopTime(), q.getServiceStopTime());
        q.setAuthorPersons(f.authorPersons().isEmpty() ? null : f.authorPersons());
    }

    private static <T extends GetByIdQuery> T byId(T q, ObjectSelector selector) {
        if (selector.uniqueIds().isEmpty()) {
            q.setUuids(selector.entryUuids());
        } else {
            q.setUniqueIds(selector.uniqueIds());
        }
        return q;
    }

    private static <T extends GetFromDocumentQuery> T single(T q, ObjectSelector selector) {
        if (selector.uniqueIds().isEmpty()) {
            q.setUuid(selector.entryUuids().isEmpty() ? null : selector.entryUuids().get(0));
        } else {
            q.setUniqueId(selector.uniqueIds().get(0));
        }
        return q;
    }

    private static <T extends GetByIdAndCodesQuery> T contents(T q, DocumentFilter f) {
        q.setDocumentEntryTypes(types(f.types()));
        q.setConfidentialityCodes(allOf(f.confidentialityCodes()));
        q.setFormatCodes(anyOf(f.formatCodes()));
        return q;
    }

    private static Identifiable patient(PatientId patient) {
        return Hl7v2Parts.ipf(Identifier.of(patient));
    }

    private static List<org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus> statuses(
            Collection<AvailabilityStatus> statuses) {
        return statuses.stream().sorted(Comparator.comparing(Enum::name))
                .map(s -> org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus.valueOf(s.name())).toList();
    }

    private static List<org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType> types(
            Collection<DocumentEntryType> types) {
        return types.stream().sorted(Comparator.comparing(Enum::name))
                .map(t -> org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType.valueOf(t.name())).toList();
    }

    private static List<Code> anyOf(CodeFilter filter) {
        return filter.isEmpty() ? null : filter.allOf().get(0).stream().map(MetadataMapper::ipf).toList();
    }

    private static QueryList<Code> allOf(CodeFilter filter) {
        if (filter.isEmpty()) {
            return null;
        }
        QueryList<Code> list = new QueryList<>();
        filter.allOf().forEach(slot -> list.getOuterList().add(slot.stream().map(MetadataMapper::ipf).toList()));
        return list;
    }

    private static void range(TimeRange range, org.openehealth.ipf.commons.ihe.xds.core.metadata.TimeRange target) {
        if (range.from() != null) {
            target.setFrom(range.from());
        }
        if (range.to() != null) {
            target.setTo(range.to());
        }
    }
}

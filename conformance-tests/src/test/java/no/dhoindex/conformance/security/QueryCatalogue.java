package no.dhoindex.conformance.security;

import static no.dhoindex.testsupport.StoredQueryBuilder.APPROVED;
import static no.dhoindex.testsupport.StoredQueryBuilder.DEPRECATED;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.testsupport.Samples;
import no.dhoindex.testsupport.StoredQueryBuilder;
import no.dhoindex.testsupport.SubmissionBuilder;

/**
 * Every stored query of ITI-18 / ITI-38, each in every way it selects (by patient, by entryUUID, by
 * uniqueId), as a question aimed at one patient's objects at one source. {@link #uncovered()} holds the
 * catalogue to the domain's own list of queries ({@link StoredQuery}'s permitted subclasses) and to the
 * fourteen query ids, so a new query without a case fails the suite.
 */
final class QueryCatalogue {

    /** How a case picks its target out of a patient's holdings; empty: the source holds no such object. */
    record Case(String name, String queryId, Class<? extends StoredQuery> kind, boolean namesPatient,
                Function<Holdings, Optional<StoredQueryBuilder>> aim) {

        /** Whether the answer about one's own objects holds DocumentEntries (all a responding gateway keeps). */
        boolean answersWithDocuments() {
            return DOCUMENT_ANSWERS.contains(kind);
        }

        Optional<String> build(Holdings target, boolean objectRefs, String home) {
            return aim.apply(target).map(q -> {
                if (objectRefs) {
                    q.objectRefs();
                }
                if (home != null) {
                    q.home(home);
                }
                return q.build();
            });
        }
    }

    private static final Set<Class<?>> DOCUMENT_ANSWERS = Set.of(StoredQuery.FindDocuments.class,
            StoredQuery.GetAll.class, StoredQuery.GetDocuments.class, StoredQuery.GetDocumentsAndAssociations.class);

    static final String ALL_TYPES = "('" + SubmissionBuilder.STABLE + "','" + SubmissionBuilder.ON_DEMAND + "')";
    static final String ALL_STATUSES = "('" + APPROVED + "','" + DEPRECATED + "')";
    static final String RELATIONS = "('urn:ihe:iti:2007:AssociationType:APND','urn:ihe:iti:2007:AssociationType:RPLC',"
            + "'urn:ihe:iti:2007:AssociationType:XFRM','urn:ihe:iti:2007:AssociationType:XFRM_RPLC',"
            + "'urn:ihe:iti:2007:AssociationType:signs')";

    static final List<Case> CASES = List.of(
            new Case("FindDocuments", StoredQueryBuilder.FIND_DOCUMENTS, StoredQuery.FindDocuments.class, true,
                    h -> Optional.of(q(StoredQueryBuilder.FIND_DOCUMENTS)
                            .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(h.patient()) + "'")
                            .slot("$XDSDocumentEntryStatus", ALL_STATUSES).slot("$XDSDocumentEntryType", ALL_TYPES))),
            new Case("FindDocumentsByReferenceId", StoredQueryBuilder.FIND_DOCUMENTS_BY_REFERENCE_ID,
                    StoredQuery.FindDocuments.class, true,
                    h -> h.documentWithReferenceId().map(d -> q(StoredQueryBuilder.FIND_DOCUMENTS_BY_REFERENCE_ID)
                            .slot("$XDSDocumentEntryPatientId", "'" + Samples.nationalCx(h.patient()) + "'")
                            .slot("$XDSDocumentEntryStatus", ALL_STATUSES)
                            .slot("$XDSDocumentEntryReferenceIdList", "('" + escape(d.referenceIds().get(0)) + "')"))),
            new Case("FindSubmissionSets", StoredQueryBuilder.FIND_SUBMISSION_SETS, StoredQuery.FindSubmissionSets.class,
                    true, h -> Optional.of(q(StoredQueryBuilder.FIND_SUBMISSION_SETS)
                            .slot("$XDSSubmissionSetPatientId", "'" + Samples.nationalCx(h.patient()) + "'")
                            .slot("$XDSSubmissionSetStatus", ALL_STATUSES))),
            new Case("FindFolders", StoredQueryBuilder.FIND_FOLDERS, StoredQuery.FindFolders.class, true,
                    h -> h.folder().map(f -> q(StoredQueryBuilder.FIND_FOLDERS)
                            .slot("$XDSFolderPatientId", "'" + Samples.nationalCx(h.patient()) + "'")
                            .slot("$XDSFolderStatus", ALL_STATUSES))),
            new Case("GetAll", StoredQueryBuilder.GET_ALL, StoredQuery.GetAll.class, true,
                    h -> Optional.of(getAll(h.patient()))),
            new Case("GetDocuments by entryUUID", StoredQueryBuilder.GET_DOCUMENTS, StoredQuery.GetDocuments.class, false,
                    h -> h.document().map(d -> q(StoredQueryBuilder.GET_DOCUMENTS)
                            .slot("$XDSDocumentEntryEntryUUID", list(d.uuid())))),
            new Case("GetDocuments by uniqueId", StoredQueryBuilder.GET_DOCUMENTS, StoredQuery.GetDocuments.class, false,
                    h -> h.document().map(d -> q(StoredQueryBuilder.GET_DOCUMENTS)
                            .slot("$XDSDocumentEntryUniqueId", list(d.uniqueId())))),
            new Case("GetFolders by entryUUID", StoredQueryBuilder.GET_FOLDERS, StoredQuery.GetFolders.class, false,
                    h -> h.folder().map(f -> q(StoredQueryBuilder.GET_FOLDERS).slot("$XDSFolderEntryUUID", list(f.uuid())))),
            new Case("GetFolders by uniqueId", StoredQueryBuilder.GET_FOLDERS, StoredQuery.GetFolders.class, false,
                    h -> h.folder().map(f -> q(StoredQueryBuilder.GET_FOLDERS)
                            .slot("$XDSFolderUniqueId", list(f.uniqueId())))),
            new Case("GetAssociations", StoredQueryBuilder.GET_ASSOCIATIONS, StoredQuery.GetAssociations.class, false,
                    h -> h.document().map(d -> q(StoredQueryBuilder.GET_ASSOCIATIONS).slot("$uuid", list(d.uuid())))),
            new Case("GetDocumentsAndAssociations by entryUUID", StoredQueryBuilder.GET_DOCUMENTS_AND_ASSOCIATIONS,
                    StoredQuery.GetDocumentsAndAssociations.class, false,
                    h -> h.document().map(d -> q(StoredQueryBuilder.GET_DOCUMENTS_AND_ASSOCIATIONS)
                            .slot("$XDSDocumentEntryEntryUUID", list(d.uuid())))),
            new Case("GetDocumentsAndAssociations by uniqueId", StoredQueryBuilder.GET_DOCUMENTS_AND_ASSOCIATIONS,
                    StoredQuery.GetDocumentsAndAssociations.class, false,
                    h -> h.document().map(d -> q(StoredQueryBuilder.GET_DOCUMENTS_AND_ASSOCIATIONS)
                            .slot("$XDSDocumentEntryUniqueId", list(d.uniqueId())))),
            new Case("GetSubmissionSets", StoredQueryBuilder.GET_SUBMISSION_SETS, StoredQuery.GetSubmissionSets.class,
                    false, h -> h.document().map(d -> q(StoredQueryBuilder.GET_SUBMISSION_SETS)
                            .slot("$uuid", list(d.uuid())))),
            new Case("GetSubmissionSetAndContents by entryUUID", StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS,
                    StoredQuery.GetSubmissionSetAndContents.class, false,
                    h -> h.submissionSet().map(s -> q(StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS)
                            .slot("$XDSSubmissionSetEntryUUID", "'" + s.uuid() + "'"))),
            new Case("GetSubmissionSetAndContents by uniqueId", StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS,
                    StoredQuery.GetSubmissionSetAndContents.class, false,
                    h -> h.submissionSet().map(s -> q(StoredQueryBuilder.GET_SUBMISSION_SET_AND_CONTENTS)
                            .slot("$XDSSubmissionSetUniqueId", "'" + s.uniqueId() + "'"))),
            new Case("GetFolderAndContents by entryUUID", StoredQueryBuilder.GET_FOLDER_AND_CONTENTS,
                    StoredQuery.GetFolderAndContents.class, false,
                    h -> h.folder().map(f -> q(StoredQueryBuilder.GET_FOLDER_AND_CONTENTS)
                            .slot("$XDSFolderEntryUUID", "'" + f.uuid() + "'"))),
            new Case("GetFolderAndContents by uniqueId", StoredQueryBuilder.GET_FOLDER_AND_CONTENTS,
                    StoredQuery.GetFolderAndContents.class, false,
                    h -> h.folder().map(f -> q(StoredQueryBuilder.GET_FOLDER_AND_CONTENTS)
                            .slot("$XDSFolderUniqueId", "'" + f.uniqueId() + "'"))),
            new Case("GetFoldersForDocument by entryUUID", StoredQueryBuilder.GET_FOLDERS_FOR_DOCUMENT,
                    StoredQuery.GetFoldersForDocument.class, false,
                    h -> h.documentInFolder().map(d -> q(StoredQueryBuilder.GET_FOLDERS_FOR_DOCUMENT)
                            .slot("$XDSDocumentEntryEntryUUID", "'" + d.uuid() + "'"))),
            new Case("GetFoldersForDocument by uniqueId", StoredQueryBuilder.GET_FOLDERS_FOR_DOCUMENT,
                    StoredQuery.GetFoldersForDocument.class, false,
                    h -> h.documentInFolder().map(d -> q(StoredQueryBuilder.GET_FOLDERS_FOR_DOCUMENT)
                            .slot("$XDSDocumentEntryUniqueId", "'" + d.uniqueId() + "'"))),
            new Case("GetRelatedDocuments by entryUUID", StoredQueryBuilder.GET_RELATED_DOCUMENTS,
                    StoredQuery.GetRelatedDocuments.class, false,
                    h -> h.relatedDocument().map(d -> q(StoredQueryBuilder.GET_RELATED_DOCUMENTS)
                            .slot("$XDSDocumentEntryEntryUUID", "'" + d.uuid() + "'").slot("$AssociationTypes", RELATIONS))),
            new Case("GetRelatedDocuments by uniqueId", StoredQueryBuilder.GET_RELATED_DOCUMENTS,
                    StoredQuery.GetRelatedDocuments.class, false,
                    h -> h.relatedDocument().map(d -> q(StoredQueryBuilder.GET_RELATED_DOCUMENTS)
                            .slot("$XDSDocumentEntryUniqueId", "'" + d.uniqueId() + "'")
                            .slot("$AssociationTypes", RELATIONS))));

    private QueryCatalogue() {
    }

    static StoredQueryBuilder getAll(String fnr) {
        return q(StoredQueryBuilder.GET_ALL).slot("$patientId", "'" + Samples.nationalCx(fnr) + "'")
                .slot("$XDSDocumentEntryStatus", ALL_STATUSES).slot("$XDSSubmissionSetStatus", ALL_STATUSES)
                .slot("$XDSFolderStatus", ALL_STATUSES).slot("$XDSDocumentEntryType", ALL_TYPES);
    }

    /**
     * Holdings of the same shape as {@code real}, with fresh ids nothing carries: the answer to a
     * question about another patient's object must be the answer to a question about one of these.
     */
    static Holdings nonexistent(Holdings real) {
        java.util.Map<String, String> fresh = new java.util.HashMap<>();
        Function<String, String> uuid = id -> id == null ? null : fresh.computeIfAbsent(id, k -> "urn:uuid:" + UUID.randomUUID());
        Function<String, String> unique = id -> id == null ? null : fresh.computeIfAbsent(id, k -> Samples.uniqueId());
        Function<Holdings.Entry, Holdings.Entry> entry = e -> new Holdings.Entry(uuid.apply(e.uuid()),
                unique.apply(e.uniqueId()), e.repositoryUniqueId(), e.home(),
                e.referenceIds().stream().map(r -> "X" + UUID.randomUUID().toString().substring(0, 8)
                        + r.substring(r.indexOf('^'))).toList());
        return new Holdings(real.patient(), real.documents().stream().map(entry).toList(),
                real.submissionSets().stream().map(entry).toList(), real.folders().stream().map(entry).toList(),
                real.associations().stream().map(a -> new Holdings.Link(uuid.apply(a.uuid()), a.type(),
                        uuid.apply(a.source()), uuid.apply(a.target()))).toList());
    }

    /**
     * What the catalogue misses: a stored query of the domain ({@link StoredQuery}'s permitted
     * subclasses) or one of the fourteen query ids ({@link StoredQueryBuilder}'s constants) without a case.
     */
    static List<String> uncovered() {
        List<String> missing = new ArrayList<>();
        Set<Class<?>> covered = new LinkedHashSet<>();
        CASES.forEach(c -> covered.add(c.kind()));
        for (Class<?> kind : StoredQuery.class.getPermittedSubclasses()) {
            if (!covered.contains(kind)) {
                missing.add(kind.getSimpleName());
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        CASES.forEach(c -> ids.add(c.queryId()));
        for (var field : StoredQueryBuilder.class.getFields()) {
            try {
                Object value = field.get(null);
                if (value instanceof String s && s.startsWith("urn:uuid:") && !ids.contains(s)) {
                    missing.add(field.getName() + " " + s);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        if (ids.size() != 14) {
            missing.add("the catalogue has " + ids.size() + " query ids, ITI-18 has 14");
        }
        return missing;
    }

    private static StoredQueryBuilder q(String id) {
        return StoredQueryBuilder.query(id);
    }

    private static String list(String... values) {
        return "(" + String.join(",", Arrays.stream(values).map(v -> "'" + v + "'").toList()) + ")";
    }

    /** A reference id as it is written inside a query's Value element. */
    private static String escape(String value) {
        return value.replace("&", "&amp;");
    }
}

package no.dhoindex.adapters.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dhoindex.adapters.infrastructure.AdapterDatabase;
import no.dhoindex.adapters.infrastructure.DocumentVault;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.organisation.Organisation;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.adapters.registry.RegistryClient;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.DocumentLocation;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SymbolicIds;

/**
 * ITI-41 at the repository (ITI TF-2b 3.41.4.1.3): every DocumentEntry has its document and
 * every document its entry; hash (SHA-1) and size are computed and must agree with what the
 * source claimed; the repository stamps its uniqueId; the pointers go to the registry (ITI-42)
 * and the documents are kept only if the registry accepted them.
 */
@ApplicationScoped
public class ProvideAndRegister {

    @Inject
    OrganisationSettings settings;

    @Inject
    RegistryClient registry;

    @Inject
    DocumentVault vault;

    @Inject
    PointerLedger ledger;

    @Inject
    AdapterDatabase database;

    /**
     * {@code documents}: the MTOM parts by the id of the DocumentEntry they belong to. Only the
     * organisation's own systems provide documents (a user's call reads, it does not publish).
     */
    public Submission provide(Caller caller, Submission submission, Map<String, byte[]> documents) {
        if (caller.kind() != Caller.Kind.ORGANISATION_SYSTEM && !caller.isUnchecked()) {
            throw new AccessDenied("own-system", "only the organisation's own systems provide documents");
        }
        Organisation organisation = settings.organisation();
        Set<String> entryIds = new java.util.HashSet<>();
        submission.documents().forEach(d -> entryIds.add(d.entryUuid()));
        for (String id : documents.keySet()) {
            if (!entryIds.contains(id)) {
                throw new XdsRefusal(XdsErrorCode.MISSING_DOCUMENT_METADATA,
                        "Document " + id + " has no DocumentEntry in the submission", id);
            }
        }
        List<DocumentPointer> stamped = new ArrayList<>();
        List<DocumentVault.StoredDocument> stored = new ArrayList<>();
        for (DocumentPointer entry : submission.documents()) {
            byte[] content = documents.get(entry.entryUuid());
            if (content == null) {
                throw new XdsRefusal(XdsErrorCode.MISSING_DOCUMENT,
                        "DocumentEntry " + entry.uniqueId() + " has no document in the message", entry.entryUuid());
            }
            if (entry.type() == DocumentEntryType.ON_DEMAND) {
                throw new XdsRefusal(XdsErrorCode.REPOSITORY_METADATA_ERROR,
                        "An on-demand entry cannot be provided with content", entry.entryUuid());
            }
            String hash = sha1(content);
            DocumentLocation claimed = entry.location();
            if (claimed != null && claimed.hash() != null && !claimed.hash().equalsIgnoreCase(hash)) {
                // ITI-41 (and the NIST kit, 11981/12369) name the repository's metadata error; the specific
                // code goes alongside so a source sees what disagreed.
                throw new XdsRefusal(XdsErrorCode.REPOSITORY_METADATA_ERROR, "Document " + entry.uniqueId()
                        + " has SHA-1 " + hash + ", its metadata says " + claimed.hash(), entry.entryUuid())
                        .alsoAs(XdsErrorCode.NON_IDENTICAL_HASH);
            }
            if (claimed != null && claimed.size() != null && claimed.size() != content.length) {
                throw new XdsRefusal(XdsErrorCode.REPOSITORY_METADATA_ERROR, "Document " + entry.uniqueId() + " has "
                        + content.length + " bytes, its metadata says " + claimed.size(), entry.entryUuid())
                        .alsoAs(XdsErrorCode.NON_IDENTICAL_SIZE);
            }
            String mimeType = claimed == null ? null : claimed.mimeType();
            stamped.add(entry.withLocation(new DocumentLocation(organisation.repositoryUniqueId(), mimeType,
                    claimed == null ? null : claimed.languageCode(), hash, (long) content.length,
                    claimed == null ? null : claimed.uri(), claimed == null ? null : claimed.documentAvailability())));
            stored.add(new DocumentVault.StoredDocument(entry.uniqueId(), mimeType, hash, content.length, content));
        }
        // The repository names the objects so that its own ledger and the registry agree on entryUUIDs.
        Submission assigned = SymbolicIds.assign(new Submission(submission.submissionSet(), stamped,
                submission.folders(), submission.associations()));
        // Pointers say which community holds the document: the gateway routes retrieves by it.
        Submission named = new Submission(assigned.submissionSet(), assigned.documents().stream()
                .map(d -> d.withHomeCommunityId(organisation.homeCommunityId())).toList(), assigned.folders(),
                assigned.associations());
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                for (DocumentVault.StoredDocument d : stored) {
                    vault.insert(c, d);
                }
                for (DocumentPointer pointer : named.documents()) {
                    ledger.insert(c, pointer, null);
                }
                registry.register(named);
                c.commit();
                return named;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new XdsRefusal(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_REGISTRY,
                        "A document with this uniqueId is already in the repository");
            }
            throw new IllegalStateException("The documents could not be stored", e);
        }
    }

    static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

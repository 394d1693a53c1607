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
import java.util.Optional;
import java.util.logging.Logger;
import no.dhoindex.adapters.infrastructure.PendingSubmissions;
import no.dhoindex.adapters.registry.HeldSubmissionSet;
import no.dhoindex.adapters.registry.RegistryRefused;
import no.dhoindex.adapters.registry.RegistryUnreachable;
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
 * source claimed; the repository stamps its uniqueId. One outcome across two services: documents
 * and pointers are kept pending (durably) first, then registered (ITI-42), then marked done, and
 * only then is Success answered; a refusal undoes them, a lost answer is settled by asking.
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

    @Inject
    PendingSubmissions pending;

    private static final Logger LOG = Logger.getLogger(ProvideAndRegister.class.getName());

    /** How long, in outbound timeouts, an ambiguous registration is settled before the source is answered. */
    private static final int SETTLE_TIMEOUTS = 3;

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
        String setId = named.submissionSet().uniqueId();
        try {
            keepPending(named, stored);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return again(named);
            }
            throw new IllegalStateException("The documents could not be stored", e);
        }
        try {
            registry.publish(named);
        } catch (RegistryRefused refused) {
            // The registry's Sender fault (another organisation's sourceId, repository or author): the
            // source is refused as at this door, 403, and nothing of it stays here.
            pending.undo(setId);
            throw new AccessDenied("registry-refused", refused.getMessage());
        } catch (RegistryUnreachable unreachable) {
            if (!unreachable.ambiguous()) {
                pending.undo(setId);
                throw unreachable;
            }
            return settleAmbiguous(named);
        } catch (XdsRefusal refusal) {
            pending.undo(setId);
            throw refusal;
        }
        pending.done(setId);
        return named;
    }

    /** Documents and pointers, pending, and the submission as it is sent: one local transaction, durable first. */
    private void keepPending(Submission named, List<DocumentVault.StoredDocument> stored) throws SQLException {
        String setId = named.submissionSet().uniqueId();
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                for (DocumentVault.StoredDocument d : stored) {
                    vault.insertPending(c, d, setId);
                }
                for (DocumentPointer pointer : named.documents()) {
                    ledger.insertPending(c, pointer, null, setId);
                }
                pending.keep(c, named, null, null);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * The registry's answer was lost (timeout, reset, 5xx): it may or may not have registered. The
     * source must not get Failure for what ends up registered nor Success for what does not, so the
     * repository settles it before answering (ITI TF-2b 3.41.4.1.3: the repository answers after the
     * registry's answer): it asks the registry what it holds under the set's uniqueId and, where
     * nothing, sends the very same submission again (same uniqueIds and entryUUIDs, so the lost
     * first one, should it still arrive, is refused as a duplicate and cannot register twice).
     * Only when the registry stays silent for the whole settling window is the source told Failure
     * (XDSRegistryError, saying the outcome is not known); the submission then stays pending, never
     * served, and {@link no.dhoindex.adapters.recovery.PendingRecovery} finishes it if the registry turns out to hold it (a lost
     * request that still arrived) or undoes it: the one case where Failure may precede a
     * registration, and it leaves no dangling pointer; the source learns the outcome by sending the
     * same submission again (answered Success when the registry holds it).
     */
    private Submission settleAmbiguous(Submission named) {
        String setId = named.submissionSet().uniqueId();
        long deadline = System.nanoTime() + settings.outboundTimeout().multipliedBy(SETTLE_TIMEOUTS).toNanos();
        do {
            try {
                Optional<HeldSubmissionSet> held = registry.held(setId);
                if (held.isPresent()) {
                    if (held.get().holds(named)) {
                        pending.done(setId);
                        LOG.info(() -> "event=iti41-settle submissionSet=" + setId + " outcome=registered");
                        return named;
                    }
                    pending.undo(setId);
                    throw conflict(setId);
                }
                registry.publish(named);
                pending.done(setId);
                LOG.info(() -> "event=iti41-settle submissionSet=" + setId + " outcome=registered-again");
                return named;
            } catch (RegistryRefused refused) {
                pending.undo(setId);
                throw new AccessDenied("registry-refused", refused.getMessage());
            } catch (RegistryUnreachable stillUnknown) {
                LOG.warning(() -> "event=iti41-settle submissionSet=" + setId + " outcome=unknown reason=\""
                        + stillUnknown.getMessage() + "\"");
            } catch (XdsRefusal refusal) {
                pending.undo(setId);
                throw refusal;
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new XdsRefusal(XdsErrorCode.REGISTRY_ERROR, "The registry did not answer: whether it registered"
                + " submission set " + setId + " is not known yet; the documents are kept, not shared, until it"
                + " is; send the same submission again to learn the outcome");
    }

    /** A submission the source sends again (its documents are here): Success if the registry holds the same. */
    private Submission again(Submission named) {
        String setId = named.submissionSet().uniqueId();
        Optional<HeldSubmissionSet> held = registry.held(setId);
        if (held.isPresent() && held.get().holds(named)) {
            pending.done(setId);
            boolean same = named.documents().stream().allMatch(d -> vault.find(d.uniqueId())
                    .filter(v -> v.hash().equalsIgnoreCase(d.location().hash())).isPresent());
            if (same) {
                LOG.info(() -> "event=iti41 submissionSet=" + setId + " outcome=success reason=\"sent again\"");
                return named;
            }
        }
        throw new XdsRefusal(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_REGISTRY,
                "A document with this uniqueId is already in the repository");
    }

    private static XdsRefusal conflict(String setId) {
        LOG.warning(() -> "event=iti41-settle submissionSet=" + setId + " outcome=conflict");
        return new XdsRefusal(XdsErrorCode.DUPLICATE_UNIQUE_ID_IN_REGISTRY, "Submission set " + setId
                + " is registered already with other documents");
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XdsRefusal(XdsErrorCode.REGISTRY_ERROR, "Interrupted while settling a registration");
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

package no.dhoindex.gateway.federation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.dhoindex.gateway.fanout.SourceAnswer;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.DtmTime;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;

/**
 * Merges the sources' answers into one (XCA, ITI TF-2b 3.38.4.1.3): objects de-duplicated by
 * uniqueId (associations by entryUUID), the first source added winning — communities are added
 * before the registry, so a community's own copy of a pointer wins over the registry's; every object
 * carries the homeCommunityId it came from; DocumentEntries newest first by creationTime. Each
 * source's errors are kept, located at its community; a source that refused or did not answer is
 * an error of its own. Success when no error, PartialSuccess when some source answered, Failure when none did.
 */
final class ResultMerge {

    /**
     * A community that refused access: XDS has no code for a refusal, and XDSUnavailableCommunity
     * would claim an outage (inviting a retry elsewhere). XDSRegistryError is the responding
     * gateway's own error, its codeContext saying that access was refused.
     */
    static final XdsErrorCode REFUSED = XdsErrorCode.REGISTRY_ERROR;

    private final Map<String, DocumentPointer> documents = new LinkedHashMap<>();
    private final Map<String, SubmissionSet> submissionSets = new LinkedHashMap<>();
    private final Map<String, Folder> folders = new LinkedHashMap<>();
    private final Map<String, Association> associations = new LinkedHashMap<>();
    private final List<XdsError> errors = new ArrayList<>();
    private final List<SourceOutcome> outcomes = new ArrayList<>();
    private int answered;
    private int failed;

    /**
     * Adds one source's answer. {@code home}: the community's homeCommunityId, null for the registry
     * (whose objects keep the homes they carry; its own errors are located at its name).
     */
    void add(SourceAnswer<QueryAnswer> answer, String home) {
        String name = answer.source().name();
        String location = home == null ? name : home;
        if (!answer.answered()) {
            failed++;
            XdsErrorCode code = answer.refused() ? REFUSED
                    : home == null ? XdsErrorCode.REGISTRY_NOT_AVAILABLE : XdsErrorCode.UNAVAILABLE_COMMUNITY;
            errors.add(XdsError.error(code, name + ": " + answer.reason(), location));
            outcomes.add(outcome(answer, location, Optional.of(code), List.of()));
            return;
        }
        QueryAnswer value = answer.value();
        List<XdsError> reported = value.errors().stream()
                .map(e -> e.location() == null || e.location().isBlank() ? e.locatedAt(location) : e).toList();
        errors.addAll(reported);
        Optional<XdsErrorCode> first = reported.stream().filter(e -> e.severity() == XdsError.Severity.ERROR)
                .map(XdsError::code).findFirst();
        outcomes.add(outcome(answer, location, first, reported));
        if (value.status() == QueryAnswer.Status.FAILURE) {
            failed++;
            return;
        }
        answered++;
        QueryResult r = value.result();
        r.documents().forEach(d -> documents.putIfAbsent(key(d.uniqueId(), d.entryUuid()),
                home == null || d.id().homeCommunityId() != null ? d : d.withHomeCommunityId(home)));
        r.submissionSets().forEach(s -> submissionSets.putIfAbsent(key(s.uniqueId(), s.entryUuid()),
                home == null || s.id().homeCommunityId() != null ? s : withHome(s, home)));
        r.folders().forEach(f -> folders.putIfAbsent(key(f.uniqueId(), f.entryUuid()),
                home == null || f.id().homeCommunityId() != null ? f : withHome(f, home)));
        r.associations().forEach(a -> associations.putIfAbsent(a.entryUuid(), home == null || a.homeCommunityId() != null
                ? a : a.withIds(a.entryUuid(), a.sourceUuid(), a.targetUuid(), home)));
    }

    List<SourceOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    QueryAnswer merged() {
        List<DocumentPointer> newestFirst = new ArrayList<>(documents.values());
        newestFirst.sort(Comparator.comparing((DocumentPointer d) -> sortable(d.provenance() == null ? null
                : d.provenance().creationTime())).reversed());
        boolean anyError = errors.stream().anyMatch(e -> e.severity() == XdsError.Severity.ERROR);
        QueryAnswer.Status status = answered == 0 && failed > 0 ? QueryAnswer.Status.FAILURE
                : anyError ? QueryAnswer.Status.PARTIAL_SUCCESS : QueryAnswer.Status.SUCCESS;
        return new QueryAnswer(status, new QueryResult(newestFirst, List.copyOf(submissionSets.values()),
                List.copyOf(folders.values()), List.copyOf(associations.values())), errors);
    }

    private static SourceOutcome outcome(SourceAnswer<?> a, String location, Optional<XdsErrorCode> code,
                                         List<XdsError> reported) {
        return new SourceOutcome(a.source().name(), location, a.outcome(), code, a.reason(), a.elapsed(), reported);
    }

    /** Sorts as text; an entry without a creationTime sorts after every dated one. */
    private static String sortable(String dtm) {
        String value = dtm == null ? null : DtmTime.sortable(dtm);
        return value == null ? "" : value;
    }

    private static String key(String uniqueId, String entryUuid) {
        return uniqueId != null ? "uid:" + uniqueId : "id:" + entryUuid;
    }

    private static SubmissionSet withHome(SubmissionSet s, String home) {
        return new SubmissionSet(s.id().withHomeCommunityId(home), s.status(), s.patientId(), s.sourceId(),
                s.submissionTime(), s.contentTypeCode(), s.authors(), s.intendedRecipients(), s.title(), s.comments(),
                s.extraMetadata());
    }

    private static Folder withHome(Folder f, String home) {
        return new Folder(f.id().withHomeCommunityId(home), f.status(), f.patientId(), f.codes(), f.lastUpdateTime(),
                f.title(), f.comments(), f.extraMetadata());
    }
}

package no.dhoindex.adapters.search;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import no.dhoindex.adapters.fhir.DataKind;
import no.dhoindex.adapters.infrastructure.PointerLedger;
import no.dhoindex.adapters.sharing.Requester;
import no.dhoindex.adapters.sharing.SharingRules;
import no.dhoindex.shared.access.AccessDenied;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.access.RecordedWhile;
import no.dhoindex.shared.fhir.DataDates;
import no.dhoindex.shared.fhir.Searchset;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.PatientId;
import org.hl7.fhir.r4.model.Resource;

/**
 * A FHIR search of the organisation's data, answered from its platform for the caller's patient
 * under the same sharing rules as its XCA side: the data of a kind goes out only where its
 * on-demand pointer may (NORS, the patient's blocking, minimisation for the caller's purpose of
 * use: {@link SharingRules}); a resource labelled NORS itself never does. Withheld data is absent:
 * an empty page, never a refusal that would confirm it exists. The search's access record is
 * written while the platform is asked ({@link RecordedWhile}); the page is given only once it is durable.
 */
@ApplicationScoped
public class SourceSearch {

    static final String CONFIDENTIALITY = "urn:oid:2.16.578.1.12.4.1.1.9603";

    @Inject
    PointerLedger ledger;

    @Inject
    SharingRules sharing;

    @Inject
    PlatformSearch platform;

    /** Writes each granted search's access record while the platform is asked. */
    private final RecordedWhile recorded = RecordedWhile.writers("source-access-record");

    @PreDestroy
    void stop() {
        recorded.close();
    }

    /**
     * One page of the patient's data: at most {@code count} resources from {@code offset} on, each as
     * the platform sent it, and whether there are more.
     */
    public record Page(List<Searchset.Entry> resources, boolean more) {
    }

    /**
     * The page for the caller's patient. A caller bound to another patient is refused before anything is
     * asked or recorded; otherwise {@code grant} (the access record, e.g. a commit to the organisation's log)
     * runs while the ledger and the platform are asked, and the page is returned only once it has run. A
     * grant that fails fails the search: nothing unlogged is given.
     */
    public Page search(Caller caller, DataKind kind, PatientId patient, SourceQuery query, Runnable grant) {
        if (!caller.patients().admits(patient)) {
            throw new AccessDenied("patient-binding", "the assertion is about another patient");
        }
        return recorded.answer(grant, () -> page(caller, kind, patient, query));
    }

    private Page page(Caller caller, DataKind kind, PatientId patient, SourceQuery query) {
        Optional<DocumentPointer> pointer = ledger.current(patient, kind.name());
        if (pointer.isEmpty() || !sharing.mayLeave(pointer.get(), Requester.of(caller))) {
            return new Page(List.of(), false);
        }
        // The platform selects the page (its own order, filters and offset, NORS left out there); a
        // labelled resource it still returns is withheld here too, as nothing NORS may ever leave.
        List<Searchset.Entry> found = platform.search(kind, patient.id(), query);
        List<Searchset.Entry> page = found.stream().limit(query.count()).filter(r -> !blocked(r))
                .sorted(order(query.newestFirst())).toList();
        return new Page(page, found.size() > query.count());
    }

    /**
     * One resource by its id, for the caller's patient only and under the same rules as a search:
     * another patient's, a withheld one and an unknown one are all absent alike.
     */
    public Optional<Resource> read(Caller caller, DataKind kind, String id) {
        PatientId patient = caller.patients().patient().orElseThrow(() ->
                new AccessDenied("patient-binding", "the assertion names no one patient"));
        Optional<DocumentPointer> pointer = ledger.current(patient, kind.name());
        if (pointer.isEmpty() || !sharing.mayLeave(pointer.get(), Requester.of(caller))) {
            return Optional.empty();
        }
        return platform.read(kind, id, patient.id()).filter(r -> !blocked(r));
    }

    private static boolean blocked(Resource r) {
        return r.getMeta().getSecurity().stream().anyMatch(label -> nors(label.getSystem(), label.getCode()));
    }

    /** As for a parsed resource; one whose labels cannot be told for certain (named twice) never leaves either. */
    static boolean blocked(Searchset.Entry e) {
        return e.ambiguous() || e.security().stream().anyMatch(label -> nors(label.system(), label.code()));
    }

    private static boolean nors(String system, String code) {
        return "NORS".equals(code) && (system == null || CONFIDENTIALITY.equals(system));
    }

    /** {@link DataDates#order} on the platform's entries: by date (undated last), then by id. */
    static Comparator<Searchset.Entry> order(boolean newestFirst) {
        Comparator<Instant> dates = newestFirst ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return Comparator.comparing(Searchset.Entry::when, Comparator.nullsLast(dates))
                .thenComparing(e -> e.id() == null ? "" : e.id());
    }
}

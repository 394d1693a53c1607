package no.dhoindex.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * One resource a source found, as the federated search holds it until the merge: its JSON as the
 * source sent it, parsed into a HAPI resource only if it is kept (of a page of 50 from each of 20
 * sources, 50 are), or a resource already parsed (a source asked through ITI-38/39).
 *
 * <p>A kept resource is parsed strictly first: one HAPI reads without a single unknown element or
 * invalid value is valid FHIR as sent, and its JSON may be passed on as it came ({@link #exact()}).
 * One that only HAPI's lenient reading accepts (it drops what it does not know) is given as HAPI
 * re-encodes it, as before; one neither accepts is an OperationOutcome entry.
 */
public final class SourceResource {

    private final String json;
    private Resource parsed;
    private boolean exact;
    /** Why neither reading accepted the JSON, once it was tried. */
    private DataFormatException unreadable;

    private SourceResource(String json, Resource parsed) {
        this.json = json;
        this.parsed = parsed;
    }

    /** A resource's JSON text, not parsed yet. */
    public static SourceResource unparsed(String json) {
        return new SourceResource(Objects.requireNonNull(json, "json"), null);
    }

    public static SourceResource parsed(Resource resource) {
        return new SourceResource(null, Objects.requireNonNull(resource, "resource"));
    }

    /**
     * The resource, parsed at the first call (not thread-safe: one thread at a time uses it, and
     * another reads it only after that one is done with it, as {@link #parseAll} waits for).
     *
     * @throws DataFormatException if the source sent JSON that is not this FHIR resource
     */
    public Resource resource() {
        parse();
        if (unreadable != null) {
            throw unreadable;
        }
        return parsed;
    }

    /** Whether its JSON has been read (parsed, or found not FHIR). */
    boolean tried() {
        return parsed != null || unreadable != null;
    }

    /** Reads the JSON once: strictly, else leniently, else remembers why it is not FHIR. */
    private void parse() {
        if (parsed != null || unreadable != null) {
            return;
        }
        FhirContext fhir = FhirContext.forR4Cached();
        try {
            IParser strict = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
            parsed = (Resource) strict.parseResource(json);
            exact = true;
        } catch (DataFormatException notExact) {
            try {
                parsed = (Resource) fhir.newJsonParser().parseResource(json);
            } catch (DataFormatException notFhir) {
                unreadable = notFhir;
            }
        }
    }

    /**
     * Parses these resources on this thread and, if it takes up the offer, one {@code helper} thread
     * together, and returns once every one is parsed: the strict reading of the kept entries is the
     * longest step between a search's last answer and its page, and the other core is idle then.
     * Each resource is taken by one thread. A helper that starts late finds nothing left and is not
     * waited for; one whose parse fails unexpectedly leaves that resource to be parsed again here.
     */
    static void parseAll(List<SourceResource> resources, Executor helper) {
        int n = resources.size();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger left = new AtomicInteger(n);
        CompletableFuture<Void> allRead = n == 0 ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        Runnable share = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    resources.get(i).parse();
                } catch (RuntimeException unexpected) {
                    // Left unparsed: resource() parses it again on the request's thread and reports what it finds.
                } finally {
                    if (left.decrementAndGet() == 0) {
                        allRead.complete(null);
                    }
                }
            }
        };
        if (n > 1) {
            try {
                helper.execute(share);
            } catch (RejectedExecutionException busy) {
                // Every helper is busy: this thread parses them all.
            }
        }
        share.run();
        // At most the one parse the helper is in; join() is not cut short by an interrupt, so no resource is
        // read by two threads at once.
        allRead.join();
    }

    /** The JSON as the source sent it, unparsed; null for a resource parsed before (ITI-39). */
    String sourceJson() {
        return json;
    }

    /**
     * The JSON as the source sent it, if it is exactly the parsed resource (read strictly, nothing
     * dropped); empty for a resource parsed before (ITI-39) or read leniently. Parses at the first call.
     */
    public Optional<String> exact() {
        if (json == null) {
            return Optional.empty();
        }
        resource();
        return exact ? Optional.of(json) : Optional.empty();
    }
}

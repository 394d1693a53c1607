package no.dhoindex.adapters.sharing;

import java.util.Optional;

/**
 * Who asks for the data: the requesting organisation (orgnr, Enhetsregisteret) and the health
 * professional (HPR number), as the trust layer establishes them from the request's security
 * ticket. Either may be {@code null} where the ticket does not say.
 */
public record Requester(String orgnr, String hprNumber) {

    /**
     * What the SOAP endpoints pass today: the trust issue will take the requester from the request's
     * XUA assertion. Until then no requester is known, so only blocks towards everyone apply.
     */
    public static final Optional<Requester> UNIDENTIFIED = Optional.empty();
}

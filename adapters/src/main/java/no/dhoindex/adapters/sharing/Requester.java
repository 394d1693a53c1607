package no.dhoindex.adapters.sharing;

import java.util.Optional;
import no.dhoindex.shared.access.Caller;

/**
 * Who asks for the data and why: the requesting organisation (orgnr, Enhetsregisteret), the health
 * professional (HPR number) and the purpose of use, as a trusted gateway's XUA assertion states
 * them. Any may be {@code null} where the assertion does not say.
 */
public record Requester(String orgnr, String hprNumber, String purposeOfUse) {

    public Requester(String orgnr, String hprNumber) {
        this(orgnr, hprNumber, null);
    }

    /** No one vouches for the requester (calls without XUA): only blocks towards everyone apply. */
    public static final Optional<Requester> UNIDENTIFIED = Optional.empty();

    /**
     * The requester the sharing rules see for a verified caller: a health professional with their
     * organisation and purpose of use; any other caller is no identified requester, so only the
     * rules towards everyone apply to it.
     */
    public static Optional<Requester> of(Caller caller) {
        return caller.kind() == Caller.Kind.HEALTH_PERSONNEL
                ? Optional.of(new Requester(caller.organisation(), caller.hprNumber(), caller.purposeOfUse()))
                : UNIDENTIFIED;
    }
}

package no.dhoindex.shared.soap;

import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;

/**
 * What an operation of a SOAP endpoint asks of its caller, checked for the operation CXF actually
 * dispatched (see {@link OperationSecurity}). A check that passes leaves what it verified on the
 * exchange (e.g. {@code XuaClaims.class}, {@code VerifiedCaller.class}); one that fails throws a
 * SOAP fault with its HTTP status.
 */
public interface Credential {

    /** Open to anyone: only for operations that give nothing away. */
    Credential PUBLIC = new Credential() {
        @Override
        public void verify(SoapMessage message) {
            // nothing to check, by decision in the endpoint's one OperationSecurity
        }

        @Override
        public String toString() {
            return "PUBLIC";
        }
    };

    /**
     * No check, by an explicit setting for benchmarks ({@code reason} names it): warned about when
     * the endpoint is published; the services see no verified credential on the exchange.
     */
    static Credential unchecked(String reason) {
        java.util.logging.Logger.getLogger(Credential.class.getName())
                .warning(() -> "event=credential-unchecked reason=\"" + reason + "\": calls are answered WITHOUT a credential");
        return new Credential() {
            @Override
            public void verify(SoapMessage message) {
                // switched off by the setting named in the warning above, logged once when the endpoint was published
            }

            @Override
            public String toString() {
                return "UNCHECKED(" + reason + ")";
            }
        };
    }

    void verify(SoapMessage message);

    /** SOAP headers this credential reads, so that a mustUnderstand on them is honoured. */
    default Set<QName> understoodHeaders() {
        return Set.of();
    }
}

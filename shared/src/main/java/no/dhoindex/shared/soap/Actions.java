package no.dhoindex.shared.soap;

import java.util.Set;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.headers.Header;
import org.w3c.dom.Element;

/** The WS-Addressing action of an incoming message, for checks that guard only some transactions. */
final class Actions {

    private static final QName ACTION = new QName("http://www.w3.org/2005/08/addressing", "Action");

    private Actions() {
    }

    static String of(SoapMessage message) {
        Header action = message.getHeader(ACTION);
        return action != null && action.getObject() instanceof Element e ? e.getTextContent().trim() : null;
    }

    /**
     * Whether a check for {@code actions} (empty: all) applies. A message without an Action is
     * refused by {@link AddressingRequired} anyway; the check applies to it too (fail closed).
     */
    static boolean guarded(Set<String> actions, SoapMessage message) {
        String action = of(message);
        return actions.isEmpty() || action == null || actions.contains(action);
    }
}

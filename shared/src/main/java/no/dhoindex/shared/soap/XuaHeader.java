package no.dhoindex.shared.soap;

import javax.xml.namespace.QName;

/** Where an XUA assertion travels: the WS-Security header (ITI TF-2 3.40 / XUA). */
public final class XuaHeader {

    public static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static final QName SECURITY = new QName(WSSE, "Security");
    /** Request-context property with the assertion (a DOM element) for one outgoing call. */
    public static final String ASSERTION_PROPERTY = "dho.xua.assertion";

    private XuaHeader() {
    }
}

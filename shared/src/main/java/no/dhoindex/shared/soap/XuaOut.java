package no.dhoindex.shared.soap;

import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Client side: puts the call's XUA assertion (request-context property {@link XuaHeader#ASSERTION_PROPERTY})
 * into a {@code wsse:Security} header the receiver must understand. A call without one goes without.
 */
public class XuaOut extends AbstractSoapInterceptor {

    public XuaOut() {
        super(Phase.PRE_PROTOCOL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Object assertion = message.getContextualProperty(XuaHeader.ASSERTION_PROPERTY);
        if (!(assertion instanceof Element element)) {
            return;
        }
        Document document = DOMUtils.createDocument();
        Element security = document.createElementNS(XuaHeader.WSSE, "wsse:Security");
        security.appendChild(document.importNode(element, true));
        document.appendChild(security);
        SoapHeader header = new SoapHeader(XuaHeader.SECURITY, security);
        header.setMustUnderstand(true);
        message.getHeaders().add(header);
    }
}

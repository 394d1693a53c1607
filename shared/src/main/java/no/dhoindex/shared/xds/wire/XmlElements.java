package no.dhoindex.shared.xds.wire;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Moves the StAX readers of this package (and the gateway's SOAP client) share. */
public final class XmlElements {

    private XmlElements() {
    }

    /** Skips the element whose start tag the reader stands at, leaving it at that element's end tag. */
    public static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}

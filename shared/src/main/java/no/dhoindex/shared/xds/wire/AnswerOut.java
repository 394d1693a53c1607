package no.dhoindex.shared.xds.wire;

import java.util.Arrays;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.codehaus.stax2.XMLStreamWriter2;

/**
 * The handful of StAX calls {@link QueryAnswerWriter} makes, behind which the answer is either written as XML text of
 * its own and handed to a Woodstox writer raw ({@link Raw}, {@link Text}), or passed call by call to any other
 * XMLStreamWriter ({@link Stax}). The text path exists for CPU: JFR showed Woodstox's per-call work (attribute escaping, namespace
 * checks, end tags, encoding small pieces) as most of the answer's cost on the gateway's request thread.
 */
interface AnswerOut {

    /** An element; {@code prefix} "" for the default namespace (no namespace is ever bound here but by the caller). */
    void start(String prefix, String local, String namespace) throws XMLStreamException;

    /** A namespace declaration on the element just started; {@code prefix} "" for the default one. */
    void namespace(String prefix, String namespace) throws XMLStreamException;

    void attribute(String name, String value) throws XMLStreamException;

    /**
     * An attribute whose value the answer's writer made itself, a constant of ebRS or XDS or a generated id: nothing in
     * it to escape or check, so the text path copies it as it is (a third of the characters it looked over were these).
     */
    void attributeAsIs(String name, String value) throws XMLStreamException;

    /** {@code xml:lang}, the one attribute in a namespace. */
    void lang(String value) throws XMLStreamException;

    void text(String value) throws XMLStreamException;

    void end() throws XMLStreamException;

    /** Hands on what is still held; the answer is complete in the target after it. */
    void finish() throws XMLStreamException;

    /** Text for a Woodstox writer whose output keeps every character as it is; StAX calls for any other. */
    static AnswerOut of(XMLStreamWriter w) {
        if (w instanceof XMLStreamWriter2 w2 && w.getClass().getName().startsWith("com.ctc.wstx.sw.")
                && unicode(w2.getEncoding())) {
            return new Raw(new Stax(w), new Text(w2::writeRaw));
        }
        return new Stax(w);
    }

    /**
     * A Writer-backed Woodstox writer has no encoding; a byte one in UTF-8 or UTF-16 carries any character. In another
     * (ISO-8859-1, ASCII) Woodstox would turn what the encoding lacks into character references, raw text would not.
     */
    private static boolean unicode(String encoding) {
        return encoding == null || encoding.regionMatches(true, 0, "UTF-8", 0, 5)
                || encoding.regionMatches(true, 0, "UTF-16", 0, 6);
    }

    /** Where {@link Text} hands its characters: {@code XMLStreamWriter2.writeRaw}, or a StringBuilder in tests. */
    interface Sink {
        void write(char[] text, int offset, int length) throws XMLStreamException;
    }

    /**
     * The outermost element (the answer's root: its start tag, namespaces and attributes, its end) by StAX calls, all
     * inside it as raw text. Woodstox keeps track of the elements it writes and knows nothing of raw text: an answer
     * wholly raw, written as a document of its own, leaves it believing no root was written (it refuses to end the
     * document). With the root its own, its state is right wherever the answer stands; the raw text closes the root's
     * open start tag as it would an envelope's.
     */
    final class Raw implements AnswerOut {

        private final Stax root;
        private final Text inside;
        private int depth;

        Raw(Stax root, Text inside) {
            this.root = root;
            this.inside = inside;
        }

        @Override
        public void start(String prefix, String local, String namespace) throws XMLStreamException {
            if (depth++ == 0) {
                root.start(prefix, local, namespace);
            } else {
                inside.start(prefix, local, namespace);
            }
        }

        @Override
        public void namespace(String prefix, String namespace) throws XMLStreamException {
            (depth == 1 ? root : inside).namespace(prefix, namespace);
        }

        @Override
        public void attribute(String name, String value) throws XMLStreamException {
            (depth == 1 ? root : inside).attribute(name, value);
        }

        @Override
        public void attributeAsIs(String name, String value) throws XMLStreamException {
            (depth == 1 ? root : inside).attributeAsIs(name, value);
        }

        @Override
        public void lang(String value) throws XMLStreamException {
            (depth == 1 ? root : inside).lang(value);
        }

        @Override
        public void text(String value) throws XMLStreamException {
            inside.text(value);
        }

        @Override
        public void end() throws XMLStreamException {
            if (--depth == 0) {
                inside.finish();
                root.end();
            } else {
                inside.end();
            }
        }

        @Override
        public void finish() throws XMLStreamException {
            inside.finish();
        }
    }

    /** Each call as the same StAX call. */
    final class Stax implements AnswerOut {

        private static final String XML = "http://www.w3.org/XML/1998/namespace";

        private final XMLStreamWriter w;

        Stax(XMLStreamWriter w) {
            this.w = w;
        }

        @Override
        public void start(String prefix, String local, String namespace) throws XMLStreamException {
            w.writeStartElement(prefix, local, namespace);
        }

        @Override
        public void namespace(String prefix, String namespace) throws XMLStreamException {
            if (prefix.isEmpty()) {
                w.writeDefaultNamespace(namespace);
            } else {
                w.writeNamespace(prefix, namespace);
            }
        }

        @Override
        public void attribute(String name, String value) throws XMLStreamException {
            w.writeAttribute(name, value);
        }

        @Override
        public void attributeAsIs(String name, String value) throws XMLStreamException {
            w.writeAttribute(name, value);
        }

        @Override
        public void lang(String value) throws XMLStreamException {
            w.writeAttribute("xml", XML, "lang", value);
        }

        @Override
        public void text(String value) throws XMLStreamException {
            w.writeCharacters(value);
        }

        @Override
        public void end() throws XMLStreamException {
            w.writeEndElement();
        }

        @Override
        public void finish() {
            // Every call went straight to the writer.
        }
    }

    /**
     * XML text written into a char buffer, with its own escaping, handed to the sink whenever a few thousand characters
     * are held and at the end (so an answer of any size needs no more than that, and the writer stays streaming).
     * Escaping as Woodstox's: in attribute values {@code & < "} and the tab, line feed and carriage return that
     * attribute-value normalisation would turn into spaces; in text {@code & < >} and the carriage return that line-end
     * normalisation would drop. A character XML 1.0 cannot carry fails with an XMLStreamException: a control character
     * and an unpaired surrogate as Woodstox fails on them; U+FFFE and U+FFFF, which Woodstox writes as character
     * references no parser accepts, likewise, rather than an answer the receiver cannot read. Empty elements as
     * {@code <x/>}. The raw text closes the enclosing element's open start tag (Woodstox's writeRaw does so).
     */
    final class Text implements AnswerOut {

        /** Characters held before they are handed on; the buffer grows past it only for one long value. */
        static final int CHUNK = 8192;
        /** What {@link #escaped} must look at below {@code ?}: those escaped, and control characters but text's. */
        private static final boolean[] SPECIAL_IN_ATTRIBUTE = special("&<\"", true);
        private static final boolean[] SPECIAL_IN_TEXT = special("&<>\r", false);

        private final Sink sink;
        private char[] buf = new char[CHUNK + 1024];
        private int len;
        /** The names of the open elements, innermost last. */
        private String[] open = new String[16];
        private int depth;
        /** A start tag is open: its attributes may follow, its {@code >} (or {@code />}) is not written yet. */
        private boolean inTag;

        Text(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void start(String prefix, String local, String namespace) throws XMLStreamException {
            if (len >= CHUNK) {
                sink.write(buf, 0, len);
                len = 0;
            }
            String name = prefix.isEmpty() ? local : prefix + ':' + local;
            if (depth == open.length) {
                open = Arrays.copyOf(open, depth * 2);
            }
            open[depth++] = name;
            ensure(name.length() + 2);
            if (inTag) {
                buf[len++] = '>';
            }
            buf[len++] = '<';
            put(name);
            inTag = true;
        }

        @Override
        public void namespace(String prefix, String namespace) throws XMLStreamException {
            attribute(prefix.isEmpty() ? "xmlns" : "xmlns:" + prefix, namespace);
        }

        @Override
        public void attribute(String name, String value) throws XMLStreamException {
            ensure(name.length() + 3);
            buf[len++] = ' ';
            put(name);
            buf[len++] = '=';
            buf[len++] = '"';
            escaped(value, true);
            ensure(1);
            buf[len++] = '"';
        }

        @Override
        public void attributeAsIs(String name, String value) {
            ensure(name.length() + value.length() + 4);
            buf[len++] = ' ';
            put(name);
            buf[len++] = '=';
            buf[len++] = '"';
            put(value);
            buf[len++] = '"';
        }

        @Override
        public void lang(String value) throws XMLStreamException {
            attribute("xml:lang", value);
        }

        @Override
        public void text(String value) throws XMLStreamException {
            closeTag();
            escaped(value, false);
        }

        @Override
        public void end() throws XMLStreamException {
            String name = open[--depth];
            ensure(name.length() + 3);
            if (inTag) {
                buf[len++] = '/';
                buf[len++] = '>';
                inTag = false;
            } else {
                buf[len++] = '<';
                buf[len++] = '/';
                put(name);
                buf[len++] = '>';
            }
        }

        @Override
        public void finish() throws XMLStreamException {
            closeTag();
            if (len > 0) {
                sink.write(buf, 0, len);
                len = 0;
            }
        }

        private void closeTag() {
            if (inTag) {
                ensure(1);
                buf[len++] = '>';
                inTag = false;
            }
        }

        /**
         * {@code s} escaped for an attribute value or for text; see the class comment. Most values need nothing: they
         * are copied whole and looked over in the buffer (a char array is read faster than a String's characters),
         * and only one with something to escape or check is written again character by character from there.
         */
        private void escaped(String s, boolean attribute) throws XMLStreamException {
            int n = s.length();
            ensure(n);
            s.getChars(0, n, buf, len);
            boolean[] special = attribute ? SPECIAL_IN_ATTRIBUTE : SPECIAL_IN_TEXT;
            char[] b = buf;
            for (int i = len, end = len + n; i < end; i++) {
                char c = b[i];
                if (c < special.length ? special[c] : c >= Character.MIN_SURROGATE) {
                    escaped(s, i - len, attribute);
                    return;
                }
            }
            len += n;
        }

        /** {@code s} from {@code from} on, whose earlier characters are in the buffer after {@code len} as they are. */
        private void escaped(String s, int from, boolean attribute) throws XMLStreamException {
            len += from;
            int n = s.length();
            for (int i = from; i < n; i++) {
                char c = s.charAt(i);
                if (c > '>') {
                    if (c < Character.MIN_SURROGATE || c >= 0xE000 && c < 0xFFFE) {
                        continue;
                    }
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    throw invalid(c, attribute);
                }
                String reference;
                switch (c) {
                    case '&' -> reference = "&amp;";
                    case '<' -> reference = "&lt;";
                    case '>' -> reference = attribute ? null : "&gt;";
                    case '"' -> reference = attribute ? "&quot;" : null;
                    case '\t' -> reference = attribute ? "&#9;" : null;
                    case '\n' -> reference = attribute ? "&#10;" : null;
                    case '\r' -> reference = "&#13;";
                    default -> {
                        if (c < ' ') {
                            throw invalid(c, attribute);
                        }
                        reference = null;
                    }
                }
                if (reference != null) {
                    ensure(i - from + reference.length() + n - i);
                    s.getChars(from, i, buf, len);
                    len += i - from;
                    put(reference);
                    from = i + 1;
                }
            }
            ensure(n - from);
            s.getChars(from, n, buf, len);
            len += n - from;
        }

        private static boolean[] special(String chars, boolean attribute) {
            boolean[] special = new boolean['>' + 1];
            Arrays.fill(special, 0, ' ', true);
            special['\t'] = attribute;
            special['\n'] = attribute;
            chars.chars().forEach(c -> special[c] = true);
            return special;
        }

        private static XMLStreamException invalid(char c, boolean attribute) {
            return new XMLStreamException(String.format("Invalid XML character U+%04X in %s to output", (int) c,
                    attribute ? "an attribute value" : "text"));
        }

        /** Appends {@code s}; room for it must be ensured. */
        private void put(String s) {
            s.getChars(0, s.length(), buf, len);
            len += s.length();
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }
    }
}

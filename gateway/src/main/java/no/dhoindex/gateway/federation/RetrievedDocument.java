package no.dhoindex.gateway.federation;

import jakarta.activation.DataHandler;

/** A document a source returned: where it is from, its MIME type and its content (streamed as it came, MTOM). */
public record RetrievedDocument(DocumentRequest id, String mimeType, DataHandler content) {
}

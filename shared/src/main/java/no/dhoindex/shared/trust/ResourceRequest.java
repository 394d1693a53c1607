package no.dhoindex.shared.trust;

import java.net.URI;

/** What the verifier needs of an incoming HTTP call: method, URL, and the two credential headers. */
public record ResourceRequest(String method, URI uri, String authorization, String dpop) {
}

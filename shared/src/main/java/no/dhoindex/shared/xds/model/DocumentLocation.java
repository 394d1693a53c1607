package no.dhoindex.shared.xds.model;

/**
 * Where and in which form the document itself lives: the repository that holds it (the data
 * stays there), its MIME type, language, hash (SHA-1, hex) and size, URI, availability.
 */
public record DocumentLocation(String repositoryUniqueId, String mimeType, String languageCode, String hash,
                               Long size, String uri, String documentAvailability) {
}

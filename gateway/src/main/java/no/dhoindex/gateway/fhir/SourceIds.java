package no.dhoindex.gateway.fhir;

import java.util.Optional;

/**
 * A resource's id at the gateway: {@code <community>-<its id at the source>}, so two organisations'
 * ids never collide and a read by id knows which community to ask (FHIR ids: [A-Za-z0-9\-.]{1,64}).
 */
final class SourceIds {

    private SourceIds() {
    }

    static String qualified(String community, String idAtSource) {
        return community + "-" + idAtSource;
    }

    /** The community and the source's id of a gateway id, if it is one (the community being known is checked by the caller). */
    static Optional<String[]> split(String id) {
        int dash = id == null ? -1 : id.indexOf('-');
        return dash < 1 || dash == id.length() - 1 ? Optional.empty()
                : Optional.of(new String[] {id.substring(0, dash), id.substring(dash + 1)});
    }
}

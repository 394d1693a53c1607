package no.dhoindex.gateway.federation;

import no.dhoindex.gateway.directory.Community;

/** Where the federation's ports come from: one for the registry, one query and one retrieve port per community. */
public interface FederationSources {

    QueryPort registry();

    QueryPort community(Community community);

    RetrievePort retrieval(Community community);
}

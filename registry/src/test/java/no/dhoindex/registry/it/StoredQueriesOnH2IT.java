package no.dhoindex.registry.it;

import no.dhoindex.testsupport.PayaraMicroProcess;


/** The stored queries and lifecycle on the embedded default, H2. */
class StoredQueriesOnH2IT extends StoredQueryContract {

    @Override
    PayaraMicroProcess server() {
        return RegistryServers.h2();
    }
}

package no.dhoindex.registry.it;

import no.dhoindex.testsupport.PayaraMicroProcess;

/** ITI-62 Remove Metadata on the embedded H2 database. */
class RemovalOnH2IT extends RemovalContract {

    @Override
    PayaraMicroProcess server() {
        return RegistryServers.h2();
    }
}

package no.dhoindex.registry.it;

import no.dhoindex.testsupport.PayaraMicroProcess;

/** The registry contract on the embedded default: H2 in a file. */
class RegistryOnH2IT extends RegistryContract {

    @Override
    PayaraMicroProcess server() {
        return RegistryServers.h2();
    }
}

package no.dhoindex.registry.it;

import no.dhoindex.testsupport.PayaraMicroProcess;

/** ITI-57 / ITI-92 at the registry on the embedded default, H2. */
class MetadataUpdateOnH2IT extends MetadataUpdateContract {

    @Override
    PayaraMicroProcess server() {
        return RegistryServers.h2();
    }
}

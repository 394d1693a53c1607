package no.dhoindex.registry.it;

import no.dhoindex.testsupport.PayaraMicroProcess;


/** The ITI-42 registration rules on the embedded default, H2. */
class RegistrationOnH2IT extends RegistrationContract {

    @Override
    PayaraMicroProcess server() {
        return RegistryServers.h2();
    }
}

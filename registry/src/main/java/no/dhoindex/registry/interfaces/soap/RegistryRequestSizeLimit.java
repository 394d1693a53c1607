package no.dhoindex.registry.interfaces.soap;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import no.dhoindex.registry.application.RegistrySettings;
import no.dhoindex.shared.http.RequestSizeLimit;

/** The registry's request-size limit ({@code dho.registry.request.maxBytes}) on its SOAP, FHIR and admin paths. */
@WebFilter(urlPatterns = {"/services/*", "/fhir/*", "/admin/*"})
public class RegistryRequestSizeLimit extends RequestSizeLimit {

    @Inject
    RegistrySettings settings;

    @Override
    protected long maxBytes() {
        return settings.maxRequestBytes();
    }
}

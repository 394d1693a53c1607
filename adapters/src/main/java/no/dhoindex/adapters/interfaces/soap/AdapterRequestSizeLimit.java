package no.dhoindex.adapters.interfaces.soap;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import no.dhoindex.adapters.organisation.OrganisationSettings;
import no.dhoindex.shared.http.RequestSizeLimit;

/**
 * The adapter's request-size limit ({@code dho.adapters.request.maxBytes}) on its SOAP endpoints
 * (a repository's ITI-41 with its MTOM documents included), FHIR and admin paths.
 */
@WebFilter(urlPatterns = {"/services/*", "/fhir/*", "/admin/*"})
public class AdapterRequestSizeLimit extends RequestSizeLimit {

    @Inject
    OrganisationSettings settings;

    @Override
    protected long maxBytes() {
        return settings.maxRequestBytes();
    }
}

package no.dhoindex.adapters.interfaces.accesslog;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The organisation's FHIR side under {@code /adapters/<org>/fhir}: its access log (IHE RESTful ATNA,
 * ITI-81 search), the search of its data for a trusted gateway ({@code DataSearchResource}), MHD ITI-65
 * for its own systems ({@code ProvideDocumentBundleResource}) and its CapabilityStatement.
 */
@ApplicationPath("/fhir")
public class AccessLogApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AuditEventResource.class, no.dhoindex.adapters.search.DataSearchResource.class,
                no.dhoindex.adapters.mhd.ProvideDocumentBundleResource.class,
                no.dhoindex.adapters.interfaces.fhir.CapabilityResource.class);
    }
}

package no.dhoindex.demoplatform;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntryTransactionMethodEnum;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Read, vread and type-level history for the data providers, as a versioning FHIR server answers
 * them: an earlier version is read by its version id ({@code Observation/1/_history/2}), a
 * deleted one is 410 Gone, and {@code _history?_since=} lists every version since, newest first,
 * a deletion as an entry with {@code request.method = DELETE} and no resource.
 */
final class ResourceVersions {

    private ResourceVersions() {
    }

    static <T extends Resource> T read(PlatformStore store, IdType id, Class<T> type) {
        Resource found = id.hasVersionIdPart() ? store.readVersion(id) : store.read(id);
        if (found != null && PlatformStore.isDeletion(found)) {
            throw new ResourceGoneException(id);
        }
        if (!type.isInstance(found)) {
            throw new ResourceNotFoundException(id);
        }
        return type.cast(found);
    }

    static List<IBaseResource> history(PlatformStore store, String type, InstantType since) {
        List<IBaseResource> entries = new ArrayList<>();
        Long from = since == null || since.getValue() == null ? null : since.getValue().getTime();
        for (Resource version : store.history(type, from)) {
            // A copy carries the entry's request method: the stored resource is also answered in searches.
            Resource entry = version.copy();
            BundleEntryTransactionMethodEnum method = PlatformStore.isDeletion(version)
                    ? BundleEntryTransactionMethodEnum.DELETE
                    : "1".equals(version.getMeta().getVersionId()) ? BundleEntryTransactionMethodEnum.POST
                    : BundleEntryTransactionMethodEnum.PUT;
            ResourceMetadataKeyEnum.ENTRY_TRANSACTION_METHOD.put(entry, method);
            entries.add(entry);
        }
        return entries;
    }
}

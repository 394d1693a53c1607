package no.dhoindex.shared.xds.wire;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLRemoveMetadataRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ObjectReference;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RemoveMetadata;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.RemoveObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.RemoveMetadataRequestTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.validate.XDSMetaDataException;
import org.openehealth.ipf.commons.ihe.xds.core.validate.requests.RemoveMetadataRequestValidator;

/**
 * ITI-62 Remove Metadata at the ebRS 3.0 edge (ITI TF-2b 3.62.4.1.2): a RemoveObjectsRequest whose
 * ObjectRefList names the entryUUIDs of the objects to remove, no AdhocQuery, no deletionScope.
 */
public final class RemovalMessages {

    private static final RemoveMetadataRequestTransformer TRANSFORMER = new RemoveMetadataRequestTransformer();

    private RemovalMessages() {
    }

    /** The entryUUIDs the request names, in order and once each; refuses what ITI TF-2b 3.62.4.1.2 forbids. */
    public static List<String> readRemoval(RemoveObjectsRequest request) {
        if (request == null) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "The request carries no RemoveObjectsRequest");
        }
        var ebXml = new EbXMLRemoveMetadataRequest30(request);
        try {
            RemoveMetadataRequestValidator.getInstance().validate(ebXml, XDS.Interactions.ITI_62);
            RemoveMetadata removal = TRANSFORMER.fromEbXML(ebXml);
            Set<String> ids = new LinkedHashSet<>();
            for (ObjectReference reference : removal.getReferences()) {
                if (reference.getId() == null || reference.getId().isBlank()) {
                    throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "An ObjectRef has no id");
                }
                ids.add(reference.getId().strip());
            }
            if (ids.isEmpty()) {
                throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "The ObjectRefList names no object");
            }
            return List.copyOf(ids);
        } catch (XDSMetaDataException e) {
            throw XdsMessages.refusal(e);
        } catch (XdsRefusal e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "The removal request could not be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** An ITI-62 request removing these objects: what a document source (or an adapter for it) sends. */
    public static RemoveObjectsRequest writeRemoval(List<String> entryUuids) {
        RemoveMetadata removal = new RemoveMetadata();
        List<ObjectReference> references = new ArrayList<>();
        entryUuids.forEach(uuid -> references.add(new ObjectReference(uuid)));
        removal.getReferences().addAll(references);
        return TRANSFORMER.toEbXML(removal).getInternal();
    }
}

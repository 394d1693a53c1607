package no.dhoindex.registry.interfaces.soap.iti57;

import jakarta.xml.bind.JAXBElement;
import java.util.List;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.AssociationType1;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;

/**
 * The AssociationPropagation slot of an update's HasMember holds one value, {@code yes} or {@code no}
 * (ITI TF-2b 3.57.4.1.3.3.1, 3.57.4.1.3.3.3). IPF reads any other value as "yes"; an update that
 * says something else is refused rather than propagated by guess.
 */
final class AssociationPropagationSlot {

    private AssociationPropagationSlot() {
    }

    static void requireYesOrNo(SubmitObjectsRequest request) {
        if (request == null || request.getRegistryObjectList() == null) {
            return;
        }
        for (JAXBElement<?> element : request.getRegistryObjectList().getIdentifiable()) {
            if (!(element.getValue() instanceof AssociationType1 association)) {
                continue;
            }
            for (SlotType1 slot : association.getSlot()) {
                if (!Association.ASSOCIATION_PROPAGATION.equals(slot.getName())) {
                    continue;
                }
                List<String> values = slot.getValueList() == null ? List.of() : slot.getValueList().getValue();
                if (values.size() != 1 || !List.of("yes", "no").contains(values.get(0).strip())) {
                    throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "Slot AssociationPropagation of "
                            + association.getId() + " must hold one value, yes or no, not " + values,
                            association.getId());
                }
            }
        }
    }
}

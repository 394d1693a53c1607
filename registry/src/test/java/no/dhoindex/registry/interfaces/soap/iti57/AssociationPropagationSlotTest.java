package no.dhoindex.registry.interfaces.soap.iti57;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import org.junit.jupiter.api.Test;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.AssociationType1;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ObjectFactory;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.RegistryObjectListType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ValueListType;

/** NIST 20002b/slot_associationpropagation_invalid_value at the ITI-57 edge. */
class AssociationPropagationSlotTest {

    @Test
    void yesAndNoPass() {
        assertDoesNotThrow(() -> AssociationPropagationSlot.requireYesOrNo(update(List.of("yes"))));
        assertDoesNotThrow(() -> AssociationPropagationSlot.requireYesOrNo(update(List.of("no"))));
        assertDoesNotThrow(() -> AssociationPropagationSlot.requireYesOrNo(update(null)));
    }

    @Test
    void anythingElseIsRefused() {
        for (List<String> values : List.<List<String>>of(List.of("maybe"), List.of("Yes"), List.of(), List.of("yes", "no"))) {
            XdsRefusal refusal = assertThrows(XdsRefusal.class,
                    () -> AssociationPropagationSlot.requireYesOrNo(update(values)), values.toString());
            assertEquals(XdsErrorCode.REGISTRY_METADATA_ERROR, refusal.errorCode());
        }
    }

    /** An update whose HasMember carries PreviousVersion and, unless null, AssociationPropagation. */
    private static SubmitObjectsRequest update(List<String> propagation) {
        ObjectFactory rim = new ObjectFactory();
        AssociationType1 member = new AssociationType1();
        member.setId("Assoc01");
        member.setAssociationType("urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember");
        member.setSourceObject("SubmissionSet01");
        member.setTargetObject("Document01");
        member.getSlot().add(slot("PreviousVersion", List.of("1")));
        if (propagation != null) {
            member.getSlot().add(slot("AssociationPropagation", propagation));
        }
        RegistryObjectListType list = new RegistryObjectListType();
        list.getIdentifiable().add(rim.createAssociation(member));
        SubmitObjectsRequest request = new SubmitObjectsRequest();
        request.setRegistryObjectList(list);
        return request;
    }

    private static SlotType1 slot(String name, List<String> values) {
        SlotType1 slot = new SlotType1();
        slot.setName(name);
        ValueListType list = new ValueListType();
        list.getValue().addAll(values);
        slot.setValueList(list);
        return slot;
    }
}

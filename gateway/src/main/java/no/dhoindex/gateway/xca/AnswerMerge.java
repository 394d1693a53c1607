package no.dhoindex.gateway.xca;

import jakarta.xml.bind.JAXBElement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.dhoindex.gateway.fanout.SourceAnswer;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.ExternalIdentifierType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.IdentifiableType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.RegistryObjectListType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.RegistryObjectType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryError;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryErrorList;

/**
 * Merges the sources' ITI-38/ITI-18 answers into one AdhocQueryResponse: objects de-duplicated by
 * uniqueId (ObjectRefs and associations by id), the first answer of a community winning over the
 * registry's copy of the same pointer, every object stamped with the homeCommunityId it came from,
 * DocumentEntries newest first; each source's errors kept with {@code location} = its community.
 */
final class AnswerMerge {

    static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    static final String PARTIAL = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
    static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
    static final String UNAVAILABLE = "XDSUnavailableCommunity";
    /**
     * A community that refused access: XDS has no code for a refusal, and XDSUnavailableCommunity
     * would claim an outage (inviting a retry elsewhere). XDSRegistryError is the responding
     * gateway's own error, its codeContext saying that access was refused.
     */
    static final String REFUSED = "XDSRegistryError";
    /** The same for a retrieve: the responding gateway's repository side refused. */
    static final String REFUSED_RETRIEVE = "XDSRepositoryError";
    private static final String ERROR = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
    private static final String DOCUMENT_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    private static final String SUBMISSION_SET_UNIQUE_ID = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
    private static final String FOLDER_UNIQUE_ID = "urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a";

    private final Map<String, JAXBElement<? extends IdentifiableType>> objects = new LinkedHashMap<>();
    private final List<RegistryError> errors = new ArrayList<>();
    private int answered;
    private int failed;

    /** Adds one source's answer; communities should be added before the registry so their copies win. */
    void add(SourceAnswer<AdhocQueryResponse> answer) {
        String home = answer.source().location();
        if (answer.refused()) {
            failed++;
            errors.add(error(REFUSED, answer.source().name() + ": " + answer.reason(),
                    home == null ? answer.source().name() : home));
            return;
        }
        if (!answer.answered()) {
            failed++;
            // A community that is down or late is a reported gap; so is the registry (no community of its own).
            errors.add(error(home == null ? "XDSRegistryNotAvailable" : UNAVAILABLE,
                    answer.source().name() + ": " + answer.reason(), home == null ? answer.source().name() : home));
            return;
        }
        AdhocQueryResponse response = answer.value();
        if (response.getRegistryErrorList() != null) {
            for (RegistryError e : response.getRegistryErrorList().getRegistryError()) {
                if (e.getLocation() == null || e.getLocation().isBlank()) {
                    e.setLocation(home);
                }
                errors.add(e);
            }
        }
        if (FAILURE.equals(response.getStatus())) {
            failed++;
            return;
        }
        answered++;
        RegistryObjectListType list = response.getRegistryObjectList();
        if (list == null) {
            return;
        }
        for (JAXBElement<? extends IdentifiableType> element : list.getIdentifiable()) {
            IdentifiableType object = element.getValue();
            if (home != null && (object.getHome() == null || object.getHome().isBlank())) {
                object.setHome(home);
            }
            objects.putIfAbsent(key(object), element);
        }
    }

    /** Success when every source answered cleanly, PartialSuccess when some did, Failure when none did. */
    AdhocQueryResponse response() {
        AdhocQueryResponse response = new AdhocQueryResponse();
        RegistryObjectListType list = new RegistryObjectListType();
        List<JAXBElement<? extends IdentifiableType>> sorted = new ArrayList<>(objects.values());
        sorted.sort(Comparator.comparing((JAXBElement<? extends IdentifiableType> e) -> creationTime(e.getValue()))
                .reversed());
        list.getIdentifiable().addAll(sorted);
        response.setRegistryObjectList(list);
        if (!errors.isEmpty()) {
            RegistryErrorList errorList = new RegistryErrorList();
            errorList.getRegistryError().addAll(errors);
            response.setRegistryErrorList(errorList);
        }
        response.setStatus(answered == 0 && failed > 0 ? FAILURE : errors.isEmpty() ? SUCCESS : PARTIAL);
        return response;
    }

    static RegistryError error(String code, String context, String location) {
        RegistryError e = new RegistryError();
        e.setErrorCode(code);
        e.setCodeContext(context);
        e.setLocation(location);
        e.setSeverity(ERROR);
        return e;
    }

    private static String key(IdentifiableType object) {
        if (object instanceof RegistryObjectType registryObject) {
            for (ExternalIdentifierType id : registryObject.getExternalIdentifier()) {
                String scheme = id.getIdentificationScheme();
                if (DOCUMENT_UNIQUE_ID.equals(scheme) || SUBMISSION_SET_UNIQUE_ID.equals(scheme)
                        || FOLDER_UNIQUE_ID.equals(scheme)) {
                    return "uid:" + id.getValue();
                }
            }
        }
        return "id:" + object.getId();
    }

    /** DocumentEntries sort newest first by creationTime; objects without one keep their order after them. */
    private static String creationTime(IdentifiableType object) {
        for (SlotType1 slot : object.getSlot()) {
            if ("creationTime".equals(slot.getName()) && slot.getValueList() != null
                    && !slot.getValueList().getValue().isEmpty()) {
                return slot.getValueList().getValue().get(0);
            }
        }
        return "";
    }
}

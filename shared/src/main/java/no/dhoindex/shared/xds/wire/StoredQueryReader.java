package no.dhoindex.shared.xds.wire;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.dhoindex.shared.xds.model.AvailabilityStatus;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.query.CodeFilter;
import no.dhoindex.shared.xds.query.DocumentFilter;
import no.dhoindex.shared.xds.query.ObjectSelector;
import no.dhoindex.shared.xds.query.ReturnType;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.query.TimeRange;
import org.openehealth.ipf.commons.ihe.xds.XCA;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.AdhocQueryType;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.SlotType1;
import org.openehealth.ipf.commons.ihe.xds.core.validate.ValidationProfile;

/**
 * Reads the stored queries clinicians' systems send most, FindDocuments and GetDocuments, straight from the request's
 * slots into the domain {@link StoredQuery}, without IPF's validator, transformer and query model (about 10 % of a
 * FindDocuments' registry CPU, JFR). It only ever <em>accepts</em>: a request whose every slot has the plain form
 * IPF accepts ('…' strings, ('…','…') lists, code^^scheme codes, a CX with an ISO authority, digit timestamps that
 * are dates) and that satisfies IPF's rules for that query (required parameters present, single-valued ones single,
 * no slot twice but the code lists IPF lets repeat, values within 256 characters) is answered here; for anything
 * else it answers empty and the caller runs IPF's path ({@link XdsMessages#readQuery}), so every refusal and every
 * unusual form keeps IPF's exact error code and message. {@code StoredQueryReaderTest} holds it to IPF over the NIST
 * kit's queries and variations of them: the same query where this one accepts.
 */
public final class StoredQueryReader {

    static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
    private static final String LEAF_CLASS = "LeafClass";
    private static final String OBJECT_REF = "ObjectRef";
    /** IPF's limit on a query slot's value (EbXMLSlot30). */
    private static final int VALUE_LIMIT = 256;

    private static final String PATIENT_ID = "$XDSDocumentEntryPatientId";
    private static final String STATUS = "$XDSDocumentEntryStatus";
    private static final String ENTRY_TYPE = "$XDSDocumentEntryType";
    private static final String CLASS_CODE = "$XDSDocumentEntryClassCode";
    private static final String TYPE_CODE = "$XDSDocumentEntryTypeCode";
    private static final String PRACTICE_SETTING_CODE = "$XDSDocumentEntryPracticeSettingCode";
    private static final String FACILITY_TYPE_CODE = "$XDSDocumentEntryHealthcareFacilityTypeCode";
    private static final String FORMAT_CODE = "$XDSDocumentEntryFormatCode";
    private static final String EVENT_CODE = "$XDSDocumentEntryEventCodeList";
    private static final String CONFIDENTIALITY_CODE = "$XDSDocumentEntryConfidentialityCode";
    private static final String CREATION_FROM = "$XDSDocumentEntryCreationTimeFrom";
    private static final String CREATION_TO = "$XDSDocumentEntryCreationTimeTo";
    private static final String START_FROM = "$XDSDocumentEntryServiceStartTimeFrom";
    private static final String START_TO = "$XDSDocumentEntryServiceStartTimeTo";
    private static final String STOP_FROM = "$XDSDocumentEntryServiceStopTimeFrom";
    private static final String STOP_TO = "$XDSDocumentEntryServiceStopTimeTo";
    private static final String ENTRY_UUID = "$XDSDocumentEntryEntryUUID";
    private static final String UNIQUE_ID = "$XDSDocumentEntryUniqueId";

    private static final Set<String> FIND_DOCUMENTS_SLOTS = Set.of(PATIENT_ID, STATUS, ENTRY_TYPE, CLASS_CODE,
            TYPE_CODE, PRACTICE_SETTING_CODE, FACILITY_TYPE_CODE, FORMAT_CODE, EVENT_CODE, CONFIDENTIALITY_CODE,
            CREATION_FROM, CREATION_TO, START_FROM, START_TO, STOP_FROM, STOP_TO);
    /** The slots IPF lets a FindDocuments repeat (AND of ORs). */
    private static final Set<String> REPEATABLE = Set.of(EVENT_CODE, CONFIDENTIALITY_CODE);
    private static final Set<String> GET_DOCUMENTS_SLOTS = Set.of(ENTRY_UUID, UNIQUE_ID);

    /** A single-quoted string without quotes inside (IPF's '' escape is left to IPF). */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    /** A CX with only an id and an ISO assigning authority, nothing HL7 would unescape. */
    private static final Pattern CX = Pattern.compile("([A-Za-z0-9][A-Za-z0-9.\\-]{0,63})\\^\\^\\^&([0-2](?:\\.(?:0|[1-9][0-9]{0,9}))+)&ISO");
    /** A code and its scheme, nothing HL7 would unescape nor IPF split. */
    private static final Pattern CODE = Pattern.compile("([A-Za-z0-9._:\\-]+)\\^\\^([A-Za-z0-9._:\\-]+)");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{4}(?:[0-9]{2}){0,5}");
    private static final Pattern UUID_OR_OID = Pattern.compile("[A-Za-z0-9._:\\-]+");

    private static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    private static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
    private static final String STABLE = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    private static final String ON_DEMAND = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";

    private StoredQueryReader() {
    }

    /**
     * The request as the domain query, when it is a FindDocuments or GetDocuments this reader can vouch for; empty
     * when IPF must decide (other queries, unusual forms, and every request IPF would refuse).
     */
    public static Optional<StoredQueryRequest> read(AdhocQueryRequest request, ValidationProfile profile) {
        if (profile != XDS.Interactions.ITI_18 && profile != XCA.Interactions.ITI_38) {
            return Optional.empty();
        }
        AdhocQueryType query = request.getAdhocQuery();
        if (query == null || request.getResponseOption() == null) {
            return Optional.empty();
        }
        String returnTypeCode = request.getResponseOption().getReturnType();
        ReturnType returnType = LEAF_CLASS.equals(returnTypeCode) ? ReturnType.LEAF_CLASS
                : OBJECT_REF.equals(returnTypeCode) ? ReturnType.OBJECT_REF : null;
        if (returnType == null) {
            return Optional.empty();
        }
        Map<String, List<List<String>>> slots = slots(query);
        if (slots == null) {
            return Optional.empty();
        }
        StoredQuery parsed = null;
        if (FIND_DOCUMENTS.equals(query.getId())) {
            parsed = findDocuments(slots);
        } else if (GET_DOCUMENTS.equals(query.getId()) && profile == XDS.Interactions.ITI_18
                && (query.getHome() == null || query.getHome().isEmpty())) {
            // ITI-38 requires and IPF validates a home community: left to IPF
            parsed = getDocuments(slots);
        }
        return parsed == null ? Optional.empty()
                : Optional.of(new StoredQueryRequest(query.getId(), parsed, returnType, query.getHome()));
    }

    /** Slot name → the value lists of each slot of that name; null when a slot is not of a plain form. */
    private static Map<String, List<List<String>>> slots(AdhocQueryType query) {
        Map<String, List<List<String>>> slots = new HashMap<>();
        for (SlotType1 slot : query.getSlot()) {
            String name = slot.getName();
            if (name == null || slot.getValueList() == null || slot.getValueList().getValue().isEmpty()) {
                return null;
            }
            List<String> values = slot.getValueList().getValue();
            for (String value : values) {
                if (value == null || value.length() > VALUE_LIMIT) {
                    return null;
                }
            }
            List<List<String>> named = slots.computeIfAbsent(name, n -> new ArrayList<>(1));
            if (!named.isEmpty() && !REPEATABLE.contains(name)) {
                return null;
            }
            named.add(values);
        }
        return slots;
    }

    private static StoredQuery findDocuments(Map<String, List<List<String>>> slots) {
        if (!FIND_DOCUMENTS_SLOTS.containsAll(slots.keySet())) {
            return null;
        }
        PatientId patient = patient(slots.get(PATIENT_ID));
        Set<AvailabilityStatus> statuses = statuses(slots.get(STATUS));
        Set<DocumentEntryType> types = types(slots.get(ENTRY_TYPE));
        CodeFilter classCodes = codes(slots.get(CLASS_CODE));
        CodeFilter typeCodes = codes(slots.get(TYPE_CODE));
        CodeFilter practiceSettingCodes = codes(slots.get(PRACTICE_SETTING_CODE));
        CodeFilter facilityTypeCodes = codes(slots.get(FACILITY_TYPE_CODE));
        CodeFilter formatCodes = codes(slots.get(FORMAT_CODE));
        CodeFilter eventCodes = codes(slots.get(EVENT_CODE));
        CodeFilter confidentialityCodes = codes(slots.get(CONFIDENTIALITY_CODE));
        TimeRange creation = range(slots.get(CREATION_FROM), slots.get(CREATION_TO));
        TimeRange start = range(slots.get(START_FROM), slots.get(START_TO));
        TimeRange stop = range(slots.get(STOP_FROM), slots.get(STOP_TO));
        if (patient == null || statuses == null || types == null || classCodes == null || typeCodes == null
                || practiceSettingCodes == null || facilityTypeCodes == null || formatCodes == null
                || eventCodes == null || confidentialityCodes == null || creation == null || start == null
                || stop == null) {
            return null;
        }
        // single-slot code parameters are one OR-list (IPF's CodeValidation), the repeatable ones AND of ORs
        return new StoredQuery.FindDocuments(patient, new DocumentFilter(statuses, types, classCodes, typeCodes,
                practiceSettingCodes, facilityTypeCodes, eventCodes, confidentialityCodes, formatCodes, creation, start,
                stop, List.of(), List.of()));
    }

    private static StoredQuery getDocuments(Map<String, List<List<String>>> slots) {
        if (!GET_DOCUMENTS_SLOTS.containsAll(slots.keySet()) || slots.size() != 1) {
            return null; // IPF's choice: exactly one of the two
        }
        List<String> uuids = ids(slots.get(ENTRY_UUID));
        List<String> uniqueIds = ids(slots.get(UNIQUE_ID));
        if (uuids == null && uniqueIds == null) {
            return null;
        }
        return new StoredQuery.GetDocuments(new ObjectSelector(uuids, uniqueIds));
    }

    /** A required CX: one slot, one value 'id^^^&oid&ISO'. */
    private static PatientId patient(List<List<String>> slot) {
        if (slot == null || slot.get(0).size() != 1) {
            return null;
        }
        Matcher quoted = QUOTED.matcher(slot.get(0).get(0));
        if (!quoted.matches()) {
            return null;
        }
        Matcher cx = CX.matcher(quoted.group(1));
        if (!cx.matches() || cx.group(2).length() > 64) {
            return null;
        }
        return new PatientId(cx.group(1), cx.group(2));
    }

    /** Required, each value a known status. */
    private static Set<AvailabilityStatus> statuses(List<List<String>> slot) {
        List<String> values = list(slot);
        if (values == null) {
            return null;
        }
        Set<AvailabilityStatus> statuses = EnumSet.noneOf(AvailabilityStatus.class);
        for (String value : values) {
            if (APPROVED.equals(value)) {
                statuses.add(AvailabilityStatus.APPROVED);
            } else if (DEPRECATED.equals(value)) {
                statuses.add(AvailabilityStatus.DEPRECATED);
            } else {
                return null;
            }
        }
        return statuses;
    }

    /** Optional (stable entries only when absent), each value a known entry type. */
    private static Set<DocumentEntryType> types(List<List<String>> slot) {
        if (slot == null) {
            return Set.of(DocumentEntryType.STABLE);
        }
        List<String> values = list(slot);
        if (values == null) {
            return null;
        }
        Set<DocumentEntryType> types = EnumSet.noneOf(DocumentEntryType.class);
        for (String value : values) {
            if (STABLE.equals(value)) {
                types.add(DocumentEntryType.STABLE);
            } else if (ON_DEMAND.equals(value)) {
                types.add(DocumentEntryType.ON_DEMAND);
            } else {
                return null;
            }
        }
        return types;
    }

    /** Optional; each slot an OR-list of code^^scheme, the slots together an AND. */
    private static CodeFilter codes(List<List<String>> slots) {
        if (slots == null) {
            return CodeFilter.ANY;
        }
        List<List<Code>> allOf = new ArrayList<>(slots.size());
        for (List<String> slot : slots) {
            List<String> values = list(List.of(slot));
            if (values == null) {
                return null;
            }
            List<Code> anyOf = new ArrayList<>(values.size());
            for (String value : values) {
                Matcher code = CODE.matcher(value);
                if (!code.matches()) {
                    return null;
                }
                anyOf.add(new Code(code.group(1), code.group(2), null));
            }
            allOf.add(anyOf);
        }
        return new CodeFilter(allOf);
    }

    private static TimeRange range(List<List<String>> from, List<List<String>> to) {
        if (from == null && to == null) {
            return TimeRange.ANY;
        }
        String f = from == null ? null : time(from);
        String t = to == null ? null : time(to);
        if ((from != null && f == null) || (to != null && t == null)) {
            return null;
        }
        return new TimeRange(f, t);
    }

    /** One value of digits that is a date (and time) as HL7 DTM writes it in UTC: IPF's Timestamp gives it back as is. */
    private static String time(List<List<String>> slot) {
        if (slot.get(0).size() != 1) {
            return null;
        }
        String value = slot.get(0).get(0);
        if (!DIGITS.matcher(value).matches()) {
            return null;
        }
        try {
            int n = value.length();
            LocalDateTime.of(Integer.parseInt(value.substring(0, 4)),
                    n >= 6 ? Integer.parseInt(value.substring(4, 6)) : 1,
                    n >= 8 ? Integer.parseInt(value.substring(6, 8)) : 1,
                    n >= 10 ? Integer.parseInt(value.substring(8, 10)) : 0,
                    n >= 12 ? Integer.parseInt(value.substring(10, 12)) : 0,
                    n >= 14 ? Integer.parseInt(value.substring(12, 14)) : 0);
        } catch (DateTimeException e) {
            return null;
        }
        return value;
    }

    private static List<String> ids(List<List<String>> slot) {
        if (slot == null) {
            return null;
        }
        List<String> values = list(slot);
        if (values == null) {
            return null;
        }
        for (String value : values) {
            if (!UUID_OR_OID.matcher(value).matches()) {
                return null;
            }
        }
        return values;
    }

    /**
     * The values of one slot, each Value a ('…', '…') list of quoted strings without quotes or commas inside; null
     * for any other form (IPF then decides).
     */
    private static List<String> list(List<List<String>> slot) {
        if (slot == null || slot.size() != 1) {
            return null;
        }
        List<String> result = new ArrayList<>();
        for (String value : slot.get(0)) {
            String v = value.trim();
            if (v.length() < 2 || v.charAt(0) != '(' || v.charAt(v.length() - 1) != ')') {
                return null;
            }
            for (String item : v.substring(1, v.length() - 1).split(",", -1)) {
                Matcher quoted = QUOTED.matcher(item.trim());
                if (!quoted.matches() || quoted.group(1).isEmpty()) {
                    return null;
                }
                result.add(quoted.group(1));
            }
        }
        return result;
    }
}

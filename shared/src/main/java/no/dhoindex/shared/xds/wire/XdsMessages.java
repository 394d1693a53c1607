package no.dhoindex.shared.xds.wire;

import java.util.ArrayList;
import java.util.List;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.model.Association;
import no.dhoindex.shared.xds.model.Code;
import no.dhoindex.shared.xds.model.DocumentEntryType;
import no.dhoindex.shared.xds.model.Identifier;
import no.dhoindex.shared.xds.model.PatientId;
import no.dhoindex.shared.xds.model.DocumentPointer;
import no.dhoindex.shared.xds.model.Folder;
import no.dhoindex.shared.xds.model.Submission;
import no.dhoindex.shared.xds.model.SubmissionSet;
import no.dhoindex.shared.xds.error.XdsError;
import no.dhoindex.shared.xds.query.QueryAnswer;
import no.dhoindex.shared.xds.query.QueryResult;
import no.dhoindex.shared.xds.query.StoredQuery;
import no.dhoindex.shared.xds.query.ReturnType;
import org.openehealth.ipf.commons.ihe.xds.XDS;
import org.openehealth.ipf.commons.ihe.xds.core.XdsRuntimeException;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.EbXMLFactory;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLAdhocQueryRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLFactory30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLSubmitObjectsRequest30;
import org.openehealth.ipf.commons.ihe.xds.core.ebxml.ebxml30.EbXMLQueryResponse30;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.Identifiable;
import org.openehealth.ipf.commons.ihe.xds.core.metadata.ObjectReference;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.FindDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.GetDocumentsQuery;
import org.openehealth.ipf.commons.ihe.xds.core.requests.QueryRegistry;
import org.openehealth.ipf.commons.ihe.xds.core.requests.RegisterDocumentSet;
import org.openehealth.ipf.commons.ihe.xds.core.requests.query.QueryReturnType;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorCode;
import org.openehealth.ipf.commons.ihe.xds.core.responses.ErrorInfo;
import org.openehealth.ipf.commons.ihe.xds.core.responses.QueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Response;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Severity;
import org.openehealth.ipf.commons.ihe.xds.core.responses.Status;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.SubmitObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.query.AdhocQueryResponse;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.QueryRegistryTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.transform.requests.RegisterDocumentSetTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.transform.responses.QueryResponseTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.transform.responses.ResponseTransformer;
import org.openehealth.ipf.commons.ihe.xds.core.validate.ValidationProfile;
import org.openehealth.ipf.commons.ihe.xds.core.validate.XDSMetaDataException;
import org.openehealth.ipf.commons.ihe.xds.core.validate.requests.AdhocQueryRequestValidator;
import org.openehealth.ipf.commons.ihe.xds.core.validate.requests.SubmitObjectsRequestValidator;

/**
 * The ebXML 3.0 edge: validates wire messages with IPF's ITI TF-3 validators, turns them into
 * domain requests, and writes domain results and refusals back as ebRS responses. This is the
 * one place that maps failures to RegistryErrors.
 */
public final class XdsMessages {

    private static final EbXMLFactory FACTORY = new EbXMLFactory30();
    private static final RegisterDocumentSetTransformer SUBMISSION = new RegisterDocumentSetTransformer(FACTORY);
    private static final QueryRegistryTransformer QUERY = new QueryRegistryTransformer(FACTORY);
    private static final QueryResponseTransformer QUERY_RESPONSE = new QueryResponseTransformer(FACTORY);
    private static final ResponseTransformer RESPONSE = new ResponseTransformer(FACTORY);

    private XdsMessages() {
    }

    /** Reads an ITI-42 (or the metadata of an ITI-41) submission, refusing what ITI TF-3 forbids. */
    public static Submission readSubmission(SubmitObjectsRequest request, ValidationProfile profile) {
        var ebXml = new EbXMLSubmitObjectsRequest30(request);
        try {
            SubmitObjectsRequestValidator.getInstance().validate(ebXml, profile);
            RegisterDocumentSet set = SUBMISSION.fromEbXML(ebXml);
            return MetadataMapper.toSubmission(set);
        } catch (XDSMetaDataException e) {
            throw refusal(e);
        } catch (XdsRuntimeException e) {
            // IPF refuses an update's first version (entryUUID = logicalID) as an invalid request; the
            // Metadata Update option names that XDSMetadataUpdateError (ITI TF-2b 3.57.4.1.3.1).
            XdsErrorCode code = e.getErrorCode() == ErrorCode.INVALID_REQUEST_EXCEPTION
                    && profile == XDS.Interactions.ITI_57 ? XdsErrorCode.METADATA_UPDATE_ERROR : known(e.getErrorCode());
            throw new XdsRefusal(code, e.getCodeContext() == null ? safe(e) : e.getCodeContext(), e.getLocation());
        } catch (XdsRefusal e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "Metadata could not be read: " + safe(e));
        }
    }

    /** Writes a submission as an ITI-42 request: what a source sends to the registry. */
    public static SubmitObjectsRequest writeSubmission(Submission submission) {
        RegisterDocumentSet set = new RegisterDocumentSet();
        set.setSubmissionSet(MetadataMapper.toIpf(submission.submissionSet()));
        submission.documents().forEach(d -> set.getDocumentEntries().add(MetadataMapper.toIpf(d)));
        submission.folders().forEach(f -> set.getFolders().add(MetadataMapper.toIpf(f)));
        submission.associations().forEach(a -> set.getAssociations().add(MetadataMapper.toIpf(a)));
        return SUBMISSION.toEbXML(set).getInternal();
    }

    /**
     * Reads an ITI-18 / ITI-38 request; parameter errors become the XDSStoredQuery* codes. A plain FindDocuments or
     * GetDocuments is read by {@link StoredQueryReader}; everything else, every refusal included, by IPF.
     */
    public static StoredQueryRequest readQuery(AdhocQueryRequest request, ValidationProfile profile) {
        var direct = StoredQueryReader.read(request, profile);
        if (direct.isPresent()) {
            return direct.get();
        }
        return readQueryByIpf(request, profile);
    }

    /** IPF's reading of a stored query: its validator, its transformer, then {@link StoredQueryMapper} (public for the oracle test and the CPU harness). */
    public static StoredQueryRequest readQueryByIpf(AdhocQueryRequest request, ValidationProfile profile) {
        var ebXml = new EbXMLAdhocQueryRequest30(request);
        try {
            AdhocQueryRequestValidator.getInstance().validate(ebXml, profile);
            QueryRegistry queryRegistry = QUERY.fromEbXML(ebXml);
            ReturnType returnType = queryRegistry.getReturnType() == QueryReturnType.OBJECT_REF
                    ? ReturnType.OBJECT_REF : ReturnType.LEAF_CLASS;
            return new StoredQueryRequest(ebXml.getId(), StoredQueryMapper.toStoredQuery(queryRegistry.getQuery()),
                    returnType, ebXml.getHome());
        } catch (XDSMetaDataException e) {
            throw refusal(e);
        } catch (XdsRefusal e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_ERROR, "The query could not be read: " + safe(e));
        }
    }

    public static AdhocQueryResponse queryResponse(QueryResult result, ReturnType returnType) {
        return queryResponse(QueryAnswer.success(result), returnType);
    }

    /** A query answer with its status and errors (a gateway's merged PartialSuccess, say), each error located. */
    public static AdhocQueryResponse queryResponse(QueryAnswer answer, ReturnType returnType) {
        QueryResult result = answer.result();
        QueryResponse response = new QueryResponse(switch (answer.status()) {
            case SUCCESS -> Status.SUCCESS;
            case PARTIAL_SUCCESS -> Status.PARTIAL_SUCCESS;
            case FAILURE -> Status.FAILURE;
        });
        response.setErrors(errorInfos(answer.errors()));
        if (returnType == ReturnType.OBJECT_REF) {
            List<ObjectReference> refs = new ArrayList<>();
            result.documents().forEach(d -> refs.add(new ObjectReference(d.entryUuid(), d.id().homeCommunityId())));
            result.submissionSets().forEach(s -> refs.add(new ObjectReference(s.entryUuid(), s.id().homeCommunityId())));
            result.folders().forEach(f -> refs.add(new ObjectReference(f.entryUuid(), f.id().homeCommunityId())));
            result.associations().forEach(a -> refs.add(new ObjectReference(a.entryUuid(), a.homeCommunityId())));
            response.setReferences(refs);
        } else {
            for (DocumentPointer d : result.documents()) {
                response.getDocumentEntries().add(MetadataMapper.toIpf(d));
            }
            for (SubmissionSet s : result.submissionSets()) {
                response.getSubmissionSets().add(MetadataMapper.toIpf(s));
            }
            for (Folder f : result.folders()) {
                response.getFolders().add(MetadataMapper.toIpf(f));
            }
            for (Association a : result.associations()) {
                response.getAssociations().add(MetadataMapper.toIpf(a));
            }
        }
        AdhocQueryResponse wire = QUERY_RESPONSE.toEbXML(response).getInternal();
        stampAssociationHomes(wire, result);
        return wire;
    }

    /** IPF's association model has no home attribute; XCA needs it on every returned object. */
    private static void stampAssociationHomes(AdhocQueryResponse wire, QueryResult result) {
        if (wire.getRegistryObjectList() == null || result.associations().isEmpty()) {
            return;
        }
        var homes = new java.util.HashMap<String, String>();
        result.associations().forEach(a -> {
            if (a.homeCommunityId() != null) {
                homes.put(a.entryUuid(), a.homeCommunityId());
            }
        });
        for (var element : wire.getRegistryObjectList().getIdentifiable()) {
            if (element.getValue() instanceof org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rim.AssociationType1 a
                    && homes.containsKey(a.getId())) {
                a.setHome(homes.get(a.getId()));
            }
        }
    }

    /**
     * A domain stored query as an ITI-18 / ITI-38 request ({@code home}: the community it is
     * addressed to, or null for a registry).
     */
    public static AdhocQueryRequest writeQuery(StoredQuery query, ReturnType returnType, String home) {
        var ipf = StoredQueryWriter.toIpf(query);
        ipf.setHomeCommunityId(home);
        return QUERY.toEbXML(new QueryRegistry(ipf, returnType == ReturnType.OBJECT_REF
                ? QueryReturnType.OBJECT_REF : QueryReturnType.LEAF_CLASS)).getInternal();
    }

    /**
     * A source's ITI-18 / ITI-38 answer (LeafClass) on domain types: its objects, status and errors,
     * each error's code one of {@link XdsErrorCode} (an unknown code is reported as XDSRegistryError
     * naming it, so nothing a source said is lost). Objects carry the home the source gave them. An answer a client
     * already read with {@link QueryAnswerReader} ({@link ReadQueryResponse}) is given as it was read.
     */
    public static QueryAnswer readAnswer(AdhocQueryResponse response) {
        if (response instanceof ReadQueryResponse streamed) {
            return streamed.answer();
        }
        QueryResponse read;
        QueryResult result;
        try {
            read = QUERY_RESPONSE.fromEbXML(new EbXMLQueryResponse30(response));
            read.getDocumentEntries().forEach(e -> required("DocumentEntry", e, e.getPatientId()));
            read.getSubmissionSets().forEach(s -> required("SubmissionSet", s, s.getPatientId()));
            read.getFolders().forEach(f -> required("Folder", f, f.getPatientId()));
            result = new QueryResult(read.getDocumentEntries().stream().map(MetadataMapper::toPointer).toList(),
                    read.getSubmissionSets().stream().map(MetadataMapper::toSubmissionSet).toList(),
                    read.getFolders().stream().map(MetadataMapper::toFolder).toList(),
                    read.getAssociations().stream().map(MetadataMapper::toAssociation).toList());
        } catch (XdsRefusal e) {
            throw e;
        } catch (RuntimeException e) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "The answer could not be read: " + safe(e));
        }
        List<XdsError> errors = new ArrayList<>();
        for (ErrorInfo e : read.getErrors()) {
            String wire = e.getErrorCode() == ErrorCode._USER_DEFINED ? e.getCustomErrorCode()
                    : e.getErrorCode() == null ? null : e.getErrorCode().getOpcode();
            var known = XdsErrorCode.fromWire(wire);
            errors.add(new XdsError(known.orElse(XdsErrorCode.REGISTRY_ERROR),
                    known.isPresent() ? e.getCodeContext() : wire + ": " + e.getCodeContext(), e.getLocation(),
                    e.getSeverity() == Severity.WARNING ? XdsError.Severity.WARNING : XdsError.Severity.ERROR));
        }
        QueryAnswer.Status status = read.getStatus() == Status.SUCCESS ? QueryAnswer.Status.SUCCESS
                : read.getStatus() == Status.PARTIAL_SUCCESS ? QueryAnswer.Status.PARTIAL_SUCCESS
                : QueryAnswer.Status.FAILURE;
        return new QueryAnswer(status, result, errors);
    }

    /**
     * An object of an answer must say what it is and whose (ITI TF-3 4.2.3: entryUUID, uniqueId and
     * patientId are required): without them it cannot be merged, de-duplicated nor bound to the patient asked.
     */
    private static void required(String kind, org.openehealth.ipf.commons.ihe.xds.core.metadata.XDSMetaClass o,
                                 Identifiable patient) {
        if (o.getEntryUuid() == null || o.getEntryUuid().isBlank()) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR, "A " + kind + " of the answer has no entryUUID");
        }
        String missing = o.getUniqueId() == null || o.getUniqueId().isBlank() ? "uniqueId"
                : patient == null || patient.getId() == null || patient.getAssigningAuthority() == null
                        || patient.getAssigningAuthority().getUniversalId() == null ? "patientId" : null;
        if (missing != null) {
            throw new XdsRefusal(XdsErrorCode.REGISTRY_METADATA_ERROR,
                    kind + " " + o.getEntryUuid() + " of the answer has no " + missing, o.getEntryUuid());
        }
    }

    /** The DocumentEntries of a query answer (e.g. a gateway's merged answer) as pointers, homes kept. */
    public static List<DocumentPointer> documentsOf(AdhocQueryResponse response) {
        if (response instanceof ReadQueryResponse streamed) {
            return streamed.answer().result().documents();
        }
        QueryResponse read = QUERY_RESPONSE.fromEbXML(new EbXMLQueryResponse30(response));
        return read.getDocumentEntries().stream().map(MetadataMapper::toPointer).toList();
    }

    /**
     * A FindDocuments question (LeafClass) for one patient: approved entries of the given types and,
     * when any are given, class codes. This is how the gateway asks on behalf of FHIR callers.
     */
    public static AdhocQueryRequest findDocuments(PatientId patient, List<DocumentEntryType> types, List<Code> classCodes) {
        FindDocumentsQuery query = new FindDocumentsQuery();
        query.setPatientId(Hl7v2Parts.ipf(Identifier.of(patient)));
        query.setStatus(List.of(org.openehealth.ipf.commons.ihe.xds.core.metadata.AvailabilityStatus.APPROVED));
        query.setDocumentEntryTypes(types.stream().map(t -> t == DocumentEntryType.ON_DEMAND
                ? org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType.ON_DEMAND
                : org.openehealth.ipf.commons.ihe.xds.core.metadata.DocumentEntryType.STABLE).toList());
        if (!classCodes.isEmpty()) {
            query.setClassCodes(classCodes.stream().map(MetadataMapper::ipf).toList());
        }
        return QUERY.toEbXML(new QueryRegistry(query, QueryReturnType.LEAF_CLASS)).getInternal();
    }

    /** GetDocuments by uniqueId (LeafClass): whose documents these are, asked of a registry. */
    public static AdhocQueryRequest getDocuments(java.util.Collection<String> uniqueIds) {
        GetDocumentsQuery query = new GetDocumentsQuery();
        query.setUniqueIds(List.copyOf(uniqueIds));
        return QUERY.toEbXML(new QueryRegistry(query, QueryReturnType.LEAF_CLASS)).getInternal();
    }

    public static AdhocQueryResponse queryFailure(List<XdsRefusal> refusals) {
        QueryResponse response = new QueryResponse(Status.FAILURE);
        response.setErrors(errors(refusals));
        return QUERY_RESPONSE.toEbXML(response).getInternal();
    }

    public static RegistryResponseType success() {
        return RESPONSE.toEbXML(new Response(Status.SUCCESS)).getInternal();
    }

    public static RegistryResponseType failure(List<XdsRefusal> refusals) {
        Response response = new Response(Status.FAILURE);
        response.setErrors(errors(refusals));
        return RESPONSE.toEbXML(response).getInternal();
    }

    private static List<ErrorInfo> errorInfos(List<XdsError> errors) {
        List<ErrorInfo> infos = new ArrayList<>();
        for (XdsError e : errors) {
            ErrorCode code = ErrorCode.valueOfOpcode(e.code().code());
            infos.add(new ErrorInfo(code == null ? ErrorCode._USER_DEFINED : code, e.context(),
                    e.severity() == XdsError.Severity.WARNING ? Severity.WARNING : Severity.ERROR, e.location(),
                    code == null ? e.code().code() : null));
        }
        return infos;
    }

    private static List<ErrorInfo> errors(List<XdsRefusal> refusals) {
        List<XdsError> errors = new ArrayList<>();
        for (XdsRefusal r : refusals) {
            errors.add(XdsError.error(r.errorCode(), r.getMessage(), r.location()));
            r.alongside().forEach(c -> errors.add(XdsError.error(c, r.getMessage(), r.location())));
        }
        return errorInfos(errors);
    }

    /** Maps IPF's validation failure (each message carries its TF error code) to a refusal. */
    static XdsRefusal refusal(XDSMetaDataException e) {
        return new XdsRefusal(known(e.getValidationMessage().getErrorCode()), e.getMessage());
    }

    /** IPF's error code as one of ours; XDSRegistryMetadataError for any other. */
    private static XdsErrorCode known(ErrorCode ipfCode) {
        for (XdsErrorCode candidate : XdsErrorCode.values()) {
            if (ipfCode != null && candidate.code().equals(ipfCode.getOpcode())) {
                return candidate;
            }
        }
        return XdsErrorCode.REGISTRY_METADATA_ERROR;
    }

    private static String safe(RuntimeException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /**
     * Writes a submission of new document entry versions as an ITI-92 Restricted Update (ITI TF-2b 3.92):
     * each entry carries the logicalID of the entry it is a version of, and the version it will be as
     * its version; the registry assigns the version, so that is sent only as the PreviousVersion
     * (version - 1) of the HasMember association that puts the entry in the submission set.
     */
    public static SubmitObjectsRequest writeRestrictedUpdate(Submission submission) {
        RegisterDocumentSet set = new RegisterDocumentSet();
        set.setSubmissionSet(MetadataMapper.toIpf(submission.submissionSet()));
        java.util.Map<String, String> previous = new java.util.HashMap<>();
        for (DocumentPointer d : submission.documents()) {
            var entry = MetadataMapper.toIpf(d);
            if (d.id().version() != null) {
                previous.put(d.entryUuid(), String.valueOf(Integer.parseInt(d.id().version()) - 1));
                entry.setVersion(null);
            }
            set.getDocumentEntries().add(entry);
        }
        for (Association a : submission.associations()) {
            var association = MetadataMapper.toIpf(a);
            if (a.type() == no.dhoindex.shared.xds.model.AssociationType.HAS_MEMBER
                    && previous.containsKey(a.targetUuid())) {
                association.setPreviousVersion(previous.get(a.targetUuid()));
            }
            set.getAssociations().add(association);
        }
        return SUBMISSION.toEbXML(set).getInternal();
    }
}

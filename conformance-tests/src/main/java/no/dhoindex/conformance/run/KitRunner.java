package no.dhoindex.conformance.run;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import no.dhoindex.conformance.check.ExpectedContents;
import no.dhoindex.conformance.check.UnsupportedElement;
import no.dhoindex.conformance.kit.KitOrder;
import no.dhoindex.conformance.kit.SectionId;
import no.dhoindex.conformance.kit.TestKit;
import no.dhoindex.conformance.kit.Xml;
import no.dhoindex.conformance.metadata.Ebrim21To30;
import no.dhoindex.conformance.metadata.SubmissionPreparation;
import no.dhoindex.testsupport.Mtom;
import no.dhoindex.testsupport.Soap;
import no.dhoindex.testsupport.XdsActions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Runs NIST test-kit plans against a running DHO Index over SOAP, as the NIST toolkit would:
 * sections in {@code index.idx} order, steps in plan order, ids and reports carried between
 * steps, sections and tests. A section stops at its first failing step (later steps build on it).
 */
public final class KitRunner {

    static final String XDSB = "urn:ihe:iti:xds-b:2007";
    /** Patients the kit feeds live in the IHE test domain, so the registry only knows them once fed. */
    static final String TEST_AUTHORITY = "1.3.6.1.4.1.21367.13.20.1000";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$[A-Za-z_][A-Za-z0-9_]*\\$");
    private static final Set<String> DESCRIPTIVE = Set.of("Rule", "Goal", "Test");
    private static final AtomicLong PATIENTS = new AtomicLong();
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final TestKit kit;
    private final DhoTarget target;
    private final Map<String, StepRecord> records = new HashMap<>();
    /** Each step's answer (body element), for {@code ReferenceMetadata}. */
    private final Map<String, Element> results = new HashMap<>();
    /** The bytes each provide-and-register step sent, by document uniqueId: retrieves must return them. */
    private final Map<String, byte[]> provided = new HashMap<>();
    private SectionId currentSection;
    private final Map<String, String> testPatients = new HashMap<>();
    /** The patient of the latest submission (CX): whom a query by id of no known patient is asked about. */
    private String lastPatient;
    private final String runTag = Long.toString(System.currentTimeMillis(), 36).toUpperCase();

    public KitRunner(TestKit kit, DhoTarget target) {
        this.kit = kit;
        this.target = target;
    }

    /**
     * Runs one group of the kit order: each test's sections, or for a test the order says is not run,
     * each section reported unsupported with the order's reason.
     */
    public List<SectionResult> run(KitOrder.Group group) {
        List<SectionResult> results = new ArrayList<>();
        for (KitOrder.Entry entry : group.tests()) {
            if (entry.notRun() == null) {
                results.addAll(run(List.of(entry.test())));
            } else {
                for (String section : kit.sections(entry.test())) {
                    results.add(new SectionResult(new SectionId(entry.test(), section), SectionResult.Verdict.UNSUPPORTED,
                            entry.notRun()));
                }
            }
        }
        return results;
    }

    public List<SectionResult> run(List<String> tests) {
        List<SectionResult> results = new ArrayList<>();
        for (String test : tests) {
            if (!kit.has(test)) {
                results.add(new SectionResult(new SectionId(test, ""), SectionResult.Verdict.UNSUPPORTED,
                        "test is not in the kit"));
                continue;
            }
            for (String section : kit.sections(test)) {
                results.add(runSection(new SectionId(test, section)));
            }
        }
        return results;
    }

    private SectionResult runSection(SectionId id) {
        Path planFile = kit.sectionDir(id).resolve("testplan.xml");
        Element plan;
        try {
            plan = Xml.parse(Files.readString(planFile)).getDocumentElement();
        } catch (IOException | IllegalArgumentException e) {
            return new SectionResult(id, SectionResult.Verdict.UNSUPPORTED, "cannot read testplan.xml: " + e.getMessage());
        }
        currentSection = id;
        Document log = Xml.empty();
        log.appendChild(log.createElement("TestResults"));
        int steps = 0;
        List<String> refusals = new ArrayList<>();
        try {
            for (Element child : Xml.children(plan)) {
                if (DESCRIPTIVE.contains(child.getLocalName())) {
                    continue;
                }
                if (!"TestStep".equals(child.getLocalName())) {
                    throw new UnsupportedElement("TestPlan/" + child.getLocalName());
                }
                runStep(id, child, log, refusals);
                steps++;
            }
            return SectionResult.pass(id, steps, refusals);
        } catch (UnsupportedElement e) {
            return new SectionResult(id, SectionResult.Verdict.UNSUPPORTED, "not supported by the runner: <"
                    + e.getMessage() + ">");
        } catch (StepFailure e) {
            return new SectionResult(id, SectionResult.Verdict.FAIL, e.getMessage());
        } catch (RuntimeException e) {
            return new SectionResult(id, SectionResult.Verdict.FAIL, "step " + (steps + 1) + ": " + e);
        }
    }

    private void runStep(SectionId id, Element step, Document log, List<String> refusals) {
        String stepId = step.getAttribute("id");
        StepRecord record = new StepRecord();
        records.put(key(id, stepId), record);
        Step plan = new Step(id, stepId, record);
        Element transaction = null;
        for (Element child : Xml.children(step)) {
            switch (child.getLocalName()) {
                case "Rule", "Goal" -> {
                }
                case "ExpectedStatus" -> plan.expectedStatus = child.getTextContent().strip();
                case "ExpectedErrorMessage", "ExpectedErrorCode" -> plan.expectedErrors.add(child.getTextContent().strip());
                case "NewPatientId" -> testPatients.put(id.test(), newFedPatient());
                case "AltPatientId" -> plan.altPatient = true;
                case "RegisterTransaction", "StoredQueryTransaction", "PatientIdentityFeedTransaction",
                        "NullTransaction", "ProvideAndRegisterTransaction", "RetrieveTransaction", "XCQTransaction",
                        "XCRTransaction", "MuTransaction", "RmuTransaction", "RemoveMetadataTransaction" ->
                        transaction = child;
                default -> throw new UnsupportedElement("TestStep/" + child.getLocalName());
            }
        }
        if (transaction == null) {
            return;   // a step that only resets the patient id
        }
        plan.read(transaction);
        plan.resolveReferences();
        Element logStep = log.createElement("TestStep");
        logStep.setAttribute("id", stepId);
        log.getDocumentElement().appendChild(logStep);
        Element logTransaction = log.createElement(transaction.getLocalName());
        logTransaction.setAttribute("step", stepId);
        logStep.appendChild(logTransaction);
        switch (transaction.getLocalName()) {
            case "RegisterTransaction" -> register(plan, log, logTransaction, refusals, false, XdsActions.ITI_42);
            case "ProvideAndRegisterTransaction" -> register(plan, log, logTransaction, refusals, true, XdsActions.ITI_41);
            // Metadata updates go to the registry as submissions do, under the organisation's system token.
            case "MuTransaction" -> register(plan, log, logTransaction, refusals, false, XdsActions.ITI_57);
            case "RmuTransaction" -> register(plan, log, logTransaction, refusals, false, XdsActions.ITI_92);
            case "StoredQueryTransaction" -> query(plan, log, logTransaction, refusals, target.registry(), XdsActions.ITI_18);
            case "XCQTransaction" -> query(plan, log, logTransaction, refusals, target.respondingGateway(), XdsActions.ITI_38);
            case "RetrieveTransaction" -> retrieve(plan, log, logTransaction, refusals, target.repository(), XdsActions.ITI_43);
            case "XCRTransaction" -> retrieve(plan, log, logTransaction, refusals, target.respondingGateway(), XdsActions.ITI_39);
            case "PatientIdentityFeedTransaction" -> feed(plan);
            case "RemoveMetadataTransaction" -> remove(plan, log, logTransaction, refusals);
            default -> {
            }
        }
        plan.assertions(log);
    }

    private void register(Step plan, Document log, Element logTransaction, List<String> refusals,
                          boolean withDocuments, String action) {
        Document submission = Xml.parse(plan.metadata());
        if (Ebrim21To30.isEbrim21(submission)) {
            submission = Ebrim21To30.translate(submission);
        }
        String patient = null;
        if (plan.altPatient) {
            patient = newPatient();   // valid in form, never fed: the registry must not know it
        } else if (plan.assignPatientId) {
            patient = testPatient(plan);
        }
        SubmissionPreparation preparation = new SubmissionPreparation();
        preparation.prepare(submission, patient, plan.assignUuids, plan.assignUids, plan.keepUidsOf);
        plan.record.assignedUuids.putAll(preparation.assignedUuids());
        plan.record.assignedUids.putAll(preparation.assignedUids());
        plan.record.assignedPatientIds.putAll(preparation.assignedPatientIds());
        preparation.assignedPatientIds().values().stream().findFirst().ifPresent(p -> {
            lastPatient = p;
            plan.record.reports.put("$patientid$", p);
        });
        // The toolkit reports every assigned id as <symbolic id>_uid / _uuid, and the home community.
        preparation.assignedUids().forEach((id, uid) -> plan.record.reports.put(id + "_uid", uid));
        preparation.assignedUuids().forEach((id, uuid) -> plan.record.reports.put(id + "_uuid", uuid));
        if (target.homeCommunityId() != null) {
            plan.record.reports.put("$testdata_home$", target.homeCommunityId());
        }
        // Some plans hold the whole ITI-41 body; what is sent as metadata is its SubmitObjectsRequest.
        Element request = "SubmitObjectsRequest".equals(submission.getDocumentElement().getLocalName())
                ? submission.getDocumentElement()
                : Xml.descendants(submission.getDocumentElement(), "SubmitObjectsRequest").stream().findFirst()
                        .orElseThrow(() -> new StepFailure("step " + plan.stepId + ": no SubmitObjectsRequest"));
        String metadata = Xml.text(request);
        unresolved(metadata);
        appendCopy(log, logTransaction, "InputMetadata", submission.getDocumentElement());
        plan.reports("InputMetadata", submission);
        if (!withDocuments) {
            exchange(plan, Soap.call(target.registry(), action, metadata,
                    target.submitterCredentials(target.registry())), log, logTransaction, refusals);
            return;
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder("<xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb=\"")
                .append(XDSB).append("\">").append(metadata);
        int n = 0;
        for (Map.Entry<String, String> document : plan.documents.entrySet()) {
            String contentId = "document" + (++n) + "@dhoindex.no";
            byte[] content = plan.file(document.getValue());
            parts.put(contentId, content);
            String uid = preparation.assignedUids().get(document.getKey());
            if (uid != null) {
                provided.put(uid, content);
            }
            String id = preparation.assignedUuids().getOrDefault(document.getKey(), document.getKey());
            body.append("<xdsb:Document id=\"").append(id).append("\">").append(Mtom.include(contentId))
                    .append("</xdsb:Document>");
        }
        body.append("</xdsb:ProvideAndRegisterDocumentSetRequest>");
        exchange(plan, Mtom.call(target.repository(), action, body.toString(), parts,
                target.submitterCredentials(target.repository())), log, logTransaction, refusals);
    }

    /** ITI-62: the plan's RemoveObjectsRequest, from the submitting organisation's system as its registrations are. */
    private void remove(Step plan, Document log, Element logTransaction, List<String> refusals) {
        // Some plans keep a commented-out ObjectRef with a symbol they no longer fill (30008).
        String body = plan.metadata().replaceAll("(?s)<!--.*?-->", "");
        unresolved(body);
        appendCopy(log, logTransaction, "InputMetadata", Xml.parse(body).getDocumentElement());
        exchange(plan, Soap.call(target.registry(), XdsActions.ITI_62, body,
                target.submitterCredentials(target.registry())), log, logTransaction, refusals);
    }

    private void retrieve(Step plan, Document log, Element logTransaction, List<String> refusals, URI endpoint,
                          String action) {
        if (plan.expectedContents != null && !Xml.children(plan.expectedContents).isEmpty()) {
            throw new UnsupportedElement("ExpectedContents of a retrieve");
        }
        String body = plan.metadata();
        unresolved(body);
        appendCopy(log, logTransaction, "InputMetadata", Xml.parse(body).getDocumentElement());
        // Retrievals, from the repository (ITI-43) or the responding gateway (ITI-39), are for a user vouched for by XUA.
        Soap.Reply reply = Soap.callWithHeader(endpoint, action, body,
                target.respondingGatewaySecurity(null, assertionPatient(plan)));
        exchange(plan, reply, log, logTransaction, refusals);
        if (!reply.isSuccess()) {
            return;
        }
        Map<String, byte[]> documents = Mtom.documents(reply);
        Map<String, String> mimeTypes = new LinkedHashMap<>();
        for (Element response : reply.elements(XDSB, "DocumentResponse")) {
            mimeTypes.put(Xml.child(response, "DocumentUniqueId").getTextContent().strip(),
                    Xml.child(response, "mimeType").getTextContent().strip());
        }
        List<String> failures = new ArrayList<>();
        if (plan.expectedMimeType != null) {
            mimeTypes.forEach((uid, mime) -> {
                if (!plan.expectedMimeType.equals(mime)) {
                    failures.add("document " + uid + " came as " + mime + ", expected " + plan.expectedMimeType);
                }
            });
        }
        for (Map.Entry<String, byte[]> returned : documents.entrySet()) {
            byte[] original = provided.get(returned.getKey());
            if (original != null && !java.util.Arrays.equals(original, returned.getValue())) {
                failures.add("document " + returned.getKey() + " is not byte-identical to what was provided");
            }
        }
        for (Map.Entry<String, String> reference : plan.referenceDocuments.entrySet()) {
            byte[] returned = documents.get(reference.getKey());
            if (returned == null) {
                failures.add("document " + reference.getKey() + " was not returned");
            } else if (!java.util.Arrays.equals(returned, plan.file(reference.getValue()))) {
                failures.add("document " + reference.getKey() + " differs from " + reference.getValue());
            }
        }
        if (plan.referenceMetadata != null) {
            for (Map.Entry<String, String> returned : mimeTypes.entrySet()) {
                String registered = registeredMimeType(plan.referenceMetadata, returned.getKey());
                if (!returned.getValue().equals(registered)) {
                    failures.add("document " + returned.getKey() + " came as " + returned.getValue()
                            + " but is registered as " + registered);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new StepFailure("step " + plan.stepId + ": " + String.join("; ", failures));
        }
    }

    /** The mimeType of a DocumentEntry in an earlier query step's answer ({@code ReferenceMetadata}). */
    private String registeredMimeType(Element reference, String uniqueId) {
        SectionId from = kit.resolve(currentSection, reference.getAttribute("testdir"));
        Element result = results.get(key(from, reference.getAttribute("step")));
        if (result == null) {
            throw new StepFailure("ReferenceMetadata " + from + "/" + reference.getAttribute("step") + " has no answer");
        }
        for (Element entry : Xml.descendants(result, "ExtrinsicObject")) {
            for (Element identifier : Xml.children(entry, "ExternalIdentifier")) {
                if (identifier.getAttribute("value").equals(uniqueId)) {
                    return entry.getAttribute("mimeType");
                }
            }
        }
        return "(not in the referenced answer)";
    }

    private void query(Step plan, Document log, Element logTransaction, List<String> refusals, URI endpoint,
                       String action) {
        String body = plan.metadata();
        unresolved(body);
        Document request = Xml.parse(body);
        appendCopy(log, logTransaction, "InputMetadata", request.getDocumentElement());
        // As the toolkit does, the step reports the patient it was about, for later steps to use.
        String patient = plan.substitutions.getOrDefault("$patientid$", assertionPatient(plan));
        if (patient != null) {
            plan.record.reports.put("$patientid$", patient);
        }
        Element response = exchange(plan, Soap.callWithHeader(endpoint, action, body, endpoint.equals(target.registry())
                ? target.registrySecurity(body, assertionPatient(plan))
                : target.respondingGatewaySecurity(body, assertionPatient(plan))), log, logTransaction, refusals);
        if (plan.expectedContents != null) {
            List<String> failures = new ExpectedContents(response).check(plan.expectedContents, plan::useIdValue);
            if (!failures.isEmpty()) {
                throw new StepFailure("step " + plan.stepId + ": " + String.join("; ", failures));
            }
        }
    }

    private void feed(Step plan) {
        String cx = newPatient();
        String id = cx.substring(0, cx.indexOf('^'));
        int status = target.feed(TEST_AUTHORITY, id);
        boolean success = status / 100 == 2;
        if (success != "Success".equals(plan.expectedStatus)) {
            throw new StepFailure("step " + plan.stepId + ": patient identity feed answered HTTP " + status
                    + ", expected " + plan.expectedStatus);
        }
        plan.record.reports.put("$patientid$", cx);
    }

    private Element exchange(Step plan, Soap.Reply reply, Document log, Element logTransaction,
                             List<String> refusals) {
        if (reply.isFault()) {
            throw new StepFailure("step " + plan.stepId + ": SOAP Fault: " + reply.faultReason());
        }
        Element response = reply.bodyElement();
        if (response == null) {
            throw new StepFailure("step " + plan.stepId + ": HTTP " + reply.httpStatus() + " without a SOAP body");
        }
        appendCopy(log, logTransaction, "Result", response);
        results.put(key(plan.id, plan.stepId), response);
        Document result = Xml.empty();
        result.appendChild(result.importNode(response, true));
        String status = reply.status() == null ? "(none)" : reply.status().substring(reply.status().lastIndexOf(':') + 1);
        List<String> errors = new ArrayList<>();
        for (Element e : reply.elements(Soap.RS, "RegistryError")) {
            errors.add(e.getAttribute("errorCode") + " " + e.getAttribute("codeContext"));
        }
        if (!status.equals(plan.expectedStatus)) {
            throw new StepFailure("step " + plan.stepId + ": expected " + plan.expectedStatus + ", got " + status
                    + (errors.isEmpty() ? "" : " " + errors));
        }
        for (String expected : plan.expectedErrors) {
            if (errors.stream().noneMatch(e -> e.contains(expected))) {
                throw new StepFailure("step " + plan.stepId + ": expected error " + expected + ", got " + errors);
            }
        }
        if (!"Success".equals(status)) {
            List<String> codes = new ArrayList<>();
            reply.errorCodes().forEach(c -> {
                if (!codes.contains(c)) {
                    codes.add(c);
                }
            });
            refusals.add(plan.stepId + " → " + String.join("/", codes));
        }
        plan.reports("Result", result);
        return response;
    }

    private static void appendCopy(Document log, Element parent, String name, Element content) {
        Element holder = log.createElement(name);
        holder.appendChild(log.importNode(content, true));
        parent.appendChild(holder);
    }

    private static void unresolved(String body) {
        Matcher m = PLACEHOLDER.matcher(body);
        if (m.find()) {
            throw new StepFailure("placeholder " + m.group() + " was not filled by the plan (UseId/UseReport)");
        }
    }

    /**
     * The toolkit's session patient: once a step of a test names {@code $patientid$} (from a PIF test),
     * the test's later sections use that patient too (12346 loads all its sections for one patient).
     */
    private String testPatient(Step plan) {
        String named = plan.substitutions.get("$patientid$");
        if (named != null) {
            testPatients.put(plan.id.test(), named);
            return named;
        }
        return testPatients.computeIfAbsent(plan.id.test(), t -> newFedPatient());
    }

    private String newPatient() {
        return "DHO" + runTag + PATIENTS.incrementAndGet() + "^^^&" + TEST_AUTHORITY + "&ISO";
    }

    private String newFedPatient() {
        String cx = newPatient();
        int status = target.feed(TEST_AUTHORITY, cx.substring(0, cx.indexOf('^')));
        if (status / 100 != 2) {
            throw new StepFailure("could not feed a new patient id: HTTP " + status);
        }
        return cx;
    }

    /**
     * The patient a user's assertion names for a step that asks by id (a Find names its own): the
     * patient of the submissions whose ids or reports the step uses, else the test's patient, else
     * the patient of the latest submission. The first such patient when the step uses objects of
     * several: the others' objects are then absent, as they are for any user (one patient per assertion).
     */
    private String assertionPatient(Step plan) {
        if (!plan.patients.isEmpty()) {
            return plan.patients.iterator().next();
        }
        String testPatient = testPatients.get(plan.id.test());
        return testPatient != null ? testPatient : lastPatient;
    }

    private static String key(SectionId id, String step) {
        return id.test() + "/" + id.section() + "/" + step;
    }

    /** One step's plan as read from its transaction element, with what it takes from earlier steps. */
    private final class Step {
        final SectionId id;
        final String stepId;
        final StepRecord record;
        String expectedStatus = "Success";
        final List<String> expectedErrors = new ArrayList<>();
        boolean altPatient;
        boolean assignPatientId = true;
        boolean assignUuids;
        boolean assignUids = true;
        final Set<String> keepUidsOf = new java.util.HashSet<>();
        String metadataFile;
        String expectedMimeType;
        Element referenceMetadata;
        final Map<String, String> documents = new LinkedHashMap<>();
        final Map<String, String> referenceDocuments = new LinkedHashMap<>();
        Element expectedContents;
        Element assertions;
        final List<Element> reports = new ArrayList<>();
        final Map<String, String> substitutions = new LinkedHashMap<>();
        /** The patients (CX) of the earlier submissions whose ids or reports this step uses, in order. */
        final Set<String> patients = new java.util.LinkedHashSet<>();

        Step(SectionId id, String stepId, StepRecord record) {
            this.id = id;
            this.stepId = stepId;
            this.record = record;
            // The toolkit's built-in symbols.
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            substitutions.put("$now$", now.format(DTM));
            substitutions.put("$lastyear$", now.minusYears(1).format(DTM));
            substitutions.put("$DATE$", now.format(DateTimeFormatter.ofPattern("yyyyMMdd")));
        }

        void read(Element transaction) {
            for (Element child : Xml.children(transaction)) {
                switch (child.getLocalName()) {
                    // ParseMetadata False: the toolkit's own bookkeeping of the ids a message holds, not ours;
                    // InteractionSequence names the toolkit's own message template: nothing to do here.
                    case "XDSb", "NoMetadata", "CreateNewPatientId", "Rule", "Goal", "ParseMetadata",
                            "InteractionSequence" -> {
                    }
                    case "NoPatientId" -> assignPatientId = false;
                    case "AssignUuids" -> assignUuids = true;
                    case "NoAssignUids" -> {
                        if (child.hasAttribute("id")) {
                            keepUidsOf.add(child.getAttribute("id"));
                        } else {
                            assignUids = false;
                        }
                    }
                    case "WaitBefore" -> pause(child.getTextContent().strip());
                    case "MetadataFile" -> metadataFile = child.getTextContent().strip();
                    case "UseId" -> substitutions.put(child.getAttribute("symbol"), useIdValue(child));
                    case "UseReport" -> substitutions.put(child.getAttribute("useAs"), useReportValue(child));
                    case "Report" -> reports.add(child);
                    case "ExpectedContents" -> expectedContents = child;
                    case "Document" -> documents.put(child.getAttribute("id"), child.getTextContent().strip());
                    case "ReferenceDocument" -> referenceDocuments.put(child.getAttribute("uid"),
                            child.getTextContent().strip());
                    case "ExpectedMimeType" -> expectedMimeType = child.getTextContent().strip();
                    case "ReferenceMetadata" -> referenceMetadata = child;
                    case "Assertions" -> assertions = child;
                    default -> throw new UnsupportedElement(transaction.getLocalName() + "/" + child.getLocalName());
                }
            }
        }

        String metadata() {
            if (metadataFile == null) {
                throw new StepFailure("step " + stepId + " names no MetadataFile");
            }
            try {
                String text = Files.readString(kit.sectionDir(id).resolve(metadataFile));
                for (Map.Entry<String, String> s : substitutions.entrySet()) {
                    text = text.replace(s.getKey(), escape(s.getValue()));
                }
                return text;
            } catch (IOException e) {
                throw new StepFailure("step " + stepId + ": cannot read " + metadataFile + ": " + e.getMessage());
            }
        }

        /** A file the plan names, relative to its section as the toolkit reads it, else to its test. */
        byte[] file(String name) {
            for (Path dir : List.of(kit.sectionDir(id), kit.sectionDir(new SectionId(id.test(), "")))) {
                Path candidate = dir.resolve(name).normalize();
                if (Files.isRegularFile(candidate)) {
                    try {
                        return Files.readAllBytes(candidate);
                    } catch (IOException e) {
                        throw new StepFailure("cannot read " + candidate + ": " + e.getMessage());
                    }
                }
            }
            throw new StepFailure("step " + stepId + ": the kit has no file " + name);
        }

        /** After reading: symbols in ReferenceDocument uids are filled like those in metadata. */
        void resolveReferences() {
            Map<String, String> resolved = new LinkedHashMap<>();
            referenceDocuments.forEach((uid, file) -> resolved.put(substitutions.getOrDefault(uid, uid), file));
            referenceDocuments.clear();
            referenceDocuments.putAll(resolved);
        }

        String useIdValue(Element useId) {
            SectionId from = useId.hasAttribute("testdir") ? kit.resolve(id, useId.getAttribute("testdir")) : id;
            String step = useId.getAttribute("step");
            StepRecord earlier = records.get(key(from, step));
            if (earlier == null) {
                throw new StepFailure("step " + stepId + " uses step " + from + "/" + step + ", which has not run");
            }
            Map<String, String> values = earlier.section(useId.getAttribute("section"));
            if (values == null) {
                throw new UnsupportedElement("UseId section=\"" + useId.getAttribute("section") + "\"");
            }
            String value = values.get(useId.getAttribute("id"));
            patients.addAll(earlier.assignedPatientIds.values());
            if (value == null) {
                throw new StepFailure("step " + stepId + ": " + from + "/" + step + " has no "
                        + useId.getAttribute("section") + " for " + useId.getAttribute("id"));
            }
            return value;
        }

        String useReportValue(Element useReport) {
            String test = useReport.hasAttribute("test") ? useReport.getAttribute("test") : id.test();
            String section = useReport.getAttribute("section");
            SectionId from = "THIS".equals(section) ? id : new SectionId(test, section);
            String step = useReport.getAttribute("step");
            StepRecord earlier = records.get(key(from, step));
            String name = useReport.getAttribute("reportName");
            if (earlier == null || !earlier.reports.containsKey(name)) {
                throw new StepFailure("step " + stepId + ": report " + name + " of " + from + "/" + step
                        + " is not available");
            }
            patients.addAll(earlier.assignedPatientIds.values());
            return earlier.reports.get(name);
        }

        /** Evaluates this step's {@code <Report>}s on one of its documents and keeps them for later steps. */
        void reports(String section, Document document) {
            for (Element report : this.reports) {
                if (section.equals(report.getAttribute("section"))) {
                    String value = xpathString(report.getTextContent().strip(), document);
                    record.reports.put(report.getAttribute("name"), value);
                }
            }
        }

        void assertions(Document log) {
            if (assertions == null) {
                return;
            }
            Document context = Xml.empty();
            for (Element child : Xml.children(assertions)) {
                switch (child.getLocalName()) {
                    case "DataRef" -> {
                        if (!"THIS".equals(child.getAttribute("file"))) {
                            throw new UnsupportedElement("DataRef file=\"" + child.getAttribute("file") + "\"");
                        }
                        context = log;
                    }
                    case "Assert" -> {
                                String expression = child.getTextContent().strip();
                        for (Map.Entry<String, String> s : substitutions.entrySet()) {
                            expression = expression.replace(s.getKey(), s.getValue());
                        }
                        if (!xpathBoolean(expression, context)) {
                            throw new StepFailure("step " + stepId + ": assertion " + child.getAttribute("id")
                                    + " does not hold: " + expression.replaceAll("\\s+", " "));
                        }
                    }
                    default -> throw new UnsupportedElement("Assertions/" + child.getLocalName());
                }
            }
        }
    }

    /** Values go into XML text and attributes: a patient id's {@code &} must arrive as {@code &amp;}. */
    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void pause(String millis) {
        try {
            Thread.sleep(Math.min(Long.parseLong(millis), 5000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String xpathString(String expression, Node context) {
        try {
            return ((String) XPathFactory.newInstance().newXPath().evaluate(expression, context, XPathConstants.STRING))
                    .strip();
        } catch (XPathExpressionException e) {
            throw new StepFailure("XPath " + expression + " cannot be evaluated: " + e.getMessage());
        }
    }

    private static boolean xpathBoolean(String expression, Node context) {
        try {
            return (Boolean) XPathFactory.newInstance().newXPath().evaluate(expression, context, XPathConstants.BOOLEAN);
        } catch (XPathExpressionException e) {
            throw new StepFailure("XPath " + expression + " cannot be evaluated: " + e.getMessage());
        }
    }
}

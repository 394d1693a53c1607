package no.dhoindex.orgcli;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./dho org <command>}: an organisation's own tool, under its own client-credentials token,
 * to load documents into its repository (ITI-41), see what the registry holds for it, check and
 * repair its pointers, deprecate and remove documents, and manage patients' blocks. Exit 0 when all went well, 1 on any failure or
 * difference found, 2 on a usage error.
 */
public final class OrgCli {

    static final String USAGE = """
            usage: ./dho org [--org NAME] [--config FILE] [--SETTING VALUE ...] COMMAND ...
              sample DIR --count N [--patients M] [--seed S]   write N synthetic documents and DIR/manifest.csv
              provide DIR [--parallel N]                       ITI-41 every document in DIR/manifest.csv (default 4 in parallel)
              status [--patient FNR]                           what the registry holds for the organisation
              verify                                           compare the adapter's pointers with the registry's
              repair                                           the same, and re-register / deprecate what differs
              deprecate ID | DIR FILE                          deprecate the document's pointer at the registry (ITI-57)
              approve ID | DIR FILE                            approve a deprecated pointer again (ITI-57)
              remove ID | DIR FILE                             remove the document: its pointer (ITI-62) and content (ITI-86)
                                                               (ID: the document's uniqueId; or FILE as DIR/manifest.csv names
                                                               it, provided from DIR: its uniqueId from DIR/.dho-provided)
              block FNR [--recipient orgnr:X|hpr:Y]            block the patient's data (towards everyone or one recipient)
              unblock FNR [--recipient orgnr:X|hpr:Y]          lift that block
              blocks FNR                                       list the patient's blocks
            settings (demo defaults for --org sykehus|kommune; a --config properties file with the same keys):
              org, name, orgnr, client, sourceId, adapter, registryAdmin, tokenEndpoint""";

    private static final String NATIONAL_ID = "2.16.578.1.12.4.1.4.1";
    private static final Set<String> COMMAND_OPTIONS = Set.of("parallel", "count", "patients", "seed", "patient",
            "recipient", "authority");

    private final PrintStream out;
    private final PrintStream err;
    private final String port;
    private final boolean tty;

    OrgCli(PrintStream out, PrintStream err, String port, boolean tty) {
        this.out = out;
        this.err = err;
        this.port = port;
        this.tty = tty;
    }

    public static void main(String[] args) {
        // The token client logs each token it gets; on a terminal that would break the progress line.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        for (var handler : java.util.logging.Logger.getLogger("").getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        int code = new OrgCli(System.out, System.err, System.getenv("DHO_PORT"), System.console() != null).run(args);
        System.exit(code);
    }

    /** Runs one command; the exit code. */
    int run(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> words = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help") || a.equals("help")) {
                    out.println(USAGE);
                    return 0;
                }
                if (a.startsWith("--")) {
                    String key = a.substring(2);
                    if (!key.equals("config") && !OrgSettings.KEYS.contains(key) && !COMMAND_OPTIONS.contains(key)) {
                        throw new CliFailure("unknown option " + a, 2);
                    }
                    if (i + 1 >= args.length) {
                        throw new CliFailure(a + " needs a value", 2);
                    }
                    options.put(key, args[++i]);
                } else {
                    words.add(a);
                }
            }
            if (words.isEmpty()) {
                throw new CliFailure("no command", 2);
            }
            return command(words.get(0), words.subList(1, words.size()), options);
        } catch (CliFailure e) {
            err.println("dho org: " + e.getMessage());
            if (e.exitCode() == 2) {
                err.println(USAGE);
            }
            return e.exitCode();
        }
    }

    private int command(String command, List<String> operands, Map<String, String> options) {
        switch (command) {
            case "sample" -> {
                Path dir = Path.of(operand(operands, "DIR"));
                int count = integer(options, "count", -1);
                if (count < 0) {
                    throw new CliFailure("sample needs --count N", 2);
                }
                int patients = integer(options, "patients", Math.max(1, Math.min(count, count / 10 + 1)));
                long seed = options.containsKey("seed") ? integer(options, "seed", 0) : System.nanoTime();
                List<String> ids = Sample.write(dir, count, patients, seed);
                err.println("Wrote " + count + " documents for " + ids.size() + " synthetic patients and "
                        + dir.resolve(Manifest.FILE_NAME));
                return 0;
            }
            case "provide" -> {
                Path dir = Path.of(operand(operands, "DIR"));
                int parallel = integer(options, "parallel", 4);
                if (parallel < 1 || parallel > 64) {
                    throw new CliFailure("--parallel must be 1 to 64", 2);
                }
                OrgSettings org = settings(options);
                Provide.Result result = new Provide(org, new OrgHttp(org), err, tty).run(dir, parallel);
                return result.failures().isEmpty() ? 0 : 1;
            }
            case "status" -> {
                OrgSettings org = settings(options);
                out.print(status(org, new OrgHttp(org), options.get("patient")).render(org.org()));
                return 0;
            }
            case "verify", "repair" -> {
                OrgSettings org = settings(options);
                boolean repair = command.equals("repair");
                URI uri = org.adapterAdmin("/reconciliation");
                OrgHttp.Answer answer = new OrgHttp(org).call(repair ? "POST" : "GET", uri, OrgHttp.ADMIN);
                if (answer.status() != 200) {
                    throw new CliFailure(command + ": " + (repair ? "POST " : "GET ") + uri + ": " + OrgHttp.refusal(answer));
                }
                Map<String, Object> report = answer.json(command);
                out.print(Reports.reconciliation(report, repair));
                return repair ? (Reports.hasErrors(report) ? 1 : 0) : (Reports.differs(report) || Reports.hasErrors(report) ? 1 : 0);
            }
            case "deprecate", "approve" -> {
                OrgSettings org = settings(options);
                return changeStatus(command, org, documentUniqueId(operands));
            }
            case "remove" -> {
                OrgSettings org = settings(options);
                return remove(org, documentUniqueId(operands));
            }
            case "block", "unblock", "blocks" -> {
                OrgSettings org = settings(options);
                return blocks(command, org, operand(operands, "FNR"), options);
            }
            default -> throw new CliFailure("unknown command '" + command + "'", 2);
        }
    }

    static Reports.Status status(OrgSettings org, OrgHttp http, String patient) {
        Reports.Status status = new Reports.Status();
        String after = null;
        do {
            StringBuilder query = new StringBuilder("?limit=500");
            if (patient != null) {
                // The registry takes a CX; a bare national id is given under its authority.
                String cx = patient.matches("\\d{11}") ? patient + Reports.NATIONAL_CX_SUFFIX : patient;
                query.append("&patient=").append(enc(cx));
            }
            if (after != null) {
                query.append("&after=").append(enc(after));
            }
            URI uri = URI.create(org.registryAdmin() + "/own/documents" + query);
            OrgHttp.Answer answer = http.call("GET", uri, OrgHttp.REGISTER);
            if (answer.status() != 200) {
                throw new CliFailure("status: GET " + uri + ": " + OrgHttp.refusal(answer));
            }
            Map<String, Object> page = answer.json("status");
            for (Object document : Reports.list(page.get("documents"))) {
                if (document instanceof Map<?, ?> d) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) d;
                    status.add(typed);
                }
            }
            Object next = page.get("next");
            after = next == null || String.valueOf(next).isBlank() ? null : String.valueOf(next);
        } while (after != null);
        return status;
    }

    /** The document a lifecycle command is about: its uniqueId, or a manifest file's from the journal of its directory. */
    static String documentUniqueId(List<String> operands) {
        if (operands.size() == 1) {
            return operands.get(0);
        }
        if (operands.size() != 2) {
            throw new CliFailure("expected the document's uniqueId, or DIR and FILE as DIR/manifest.csv names it", 2);
        }
        Path dir = Path.of(operands.get(0));
        return Journal.uniqueIdOf(dir, operands.get(1)).orElseThrow(() -> new CliFailure(operands.get(1)
                + " has not been provided from " + dir + " (no line in " + dir.resolve(Journal.FILE_NAME) + ")"));
    }

    /**
     * deprecate / approve one document's pointer: ITI-57 at the organisation's repository endpoint, which forwards
     * it to the registry; the entry, its patient and class are read first from the adapter's record of it.
     */
    private int changeStatus(String command, OrgSettings org, String uniqueId) {
        Iti57.Status to = command.equals("approve") ? Iti57.Status.APPROVED : Iti57.Status.DEPRECATED;
        Iti57.Status from = to == Iti57.Status.APPROVED ? Iti57.Status.DEPRECATED : Iti57.Status.APPROVED;
        OrgHttp http = new OrgHttp(org);
        URI uri = org.adapterAdmin("/documents/" + enc(uniqueId));
        OrgHttp.Answer published = http.call("GET", uri, OrgHttp.ADMIN);
        if (published.status() != 200) {
            throw new CliFailure(command + " " + uniqueId + ": " + OrgHttp.refusal(published));
        }
        Map<String, Object> pointer = published.json(command);
        String status = field(pointer, "status", command);
        if (to.name().equals(status)) {
            out.println(org.org() + ": " + uniqueId + " is " + to.name().toLowerCase(Locale.ROOT) + " already");
            return 0;
        }
        Map<?, ?> classCode = pointer.get("classCode") instanceof Map<?, ?> m ? m : Map.of();
        String envelope = Iti57.envelope(org.repository(), org, field(pointer, "entryUuid", command),
                field(pointer, "patient", command), field(classCode, "code", command),
                field(classCode, "scheme", command), from, to, Provide.submissionTime());
        Iti41.Outcome outcome = Iti41.outcome(http.soap(org.repository(), Iti57.ACTION, envelope, OrgHttp.ADMIN));
        if (!outcome.success()) {
            throw new CliFailure(command + " " + uniqueId + ": " + outcome.problem());
        }
        out.println(org.org() + ": " + uniqueId + " " + (to == Iti57.Status.APPROVED ? "approved" : "deprecated"));
        return 0;
    }

    private static String field(Map<?, ?> json, String key, String command) {
        if (json.get(key) instanceof String value && !value.isBlank()) {
            return value;
        }
        throw new CliFailure(command + ": the adapter's answer has no " + key);
    }

    /** remove one document through the adapter's admin API: its pointer (ITI-62) and content (ITI-86). */
    private int remove(OrgSettings org, String uniqueId) {
        URI uri = org.adapterAdmin("/documents/" + enc(uniqueId));
        OrgHttp.Answer answer = new OrgHttp(org).call("DELETE", uri, OrgHttp.ADMIN);
        if (answer.status() != 200) {
            throw new CliFailure("remove " + uniqueId + ": " + OrgHttp.refusal(answer));
        }
        Map<String, Object> removed = answer.json("remove");
        int objects = Reports.list(removed.get("removedAtRegistry")).size();
        out.println(org.org() + ": " + uniqueId + " removed (" + objects + " objects at the registry"
                + (Boolean.TRUE.equals(removed.get("contentRemoved")) ? ", the stored document" : "") + ")");
        return 0;
    }

    private int blocks(String command, OrgSettings org, String fnr, Map<String, String> options) {
        String authority = options.getOrDefault("authority", NATIONAL_ID);
        String recipient = options.get("recipient");
        if (command.equals("blocks") && recipient != null) {
            throw new CliFailure("blocks lists every block of the patient; --recipient is for block / unblock", 2);
        }
        String method = switch (command) {
            case "block" -> "PUT";
            case "unblock" -> "DELETE";
            default -> "GET";
        };
        URI uri = org.adapterAdmin("/blocks/" + enc(authority) + "/" + enc(fnr)
                + (recipient == null ? "" : "?recipient=" + enc(recipient)));
        OrgHttp.Answer answer = new OrgHttp(org).call(method, uri, OrgHttp.ADMIN);
        if (answer.status() >= 300) {
            throw new CliFailure(command + " " + fnr + ": " + OrgHttp.refusal(answer));
        }
        String towards = recipient == null ? "everyone" : recipient;
        switch (command) {
            case "block" -> out.println(org.org() + ": " + fnr + "'s data is blocked towards " + towards);
            case "unblock" -> out.println(org.org() + ": " + fnr + "'s block towards " + towards + " is lifted");
            default -> {
                List<Object> blocked = Reports.list(answer.json("blocks").get("blockedFor"));
                out.println(blocked.isEmpty() ? org.org() + ": " + fnr + " has no blocks"
                        : org.org() + ": " + fnr + "'s data is blocked towards "
                        + String.join(", ", blocked.stream().map(Reports::text).toList()));
            }
        }
        return 0;
    }

    private OrgSettings settings(Map<String, String> options) {
        return OrgSettings.resolve(options, port);
    }

    private static String operand(List<String> operands, String name) {
        if (operands.size() != 1) {
            throw new CliFailure("expected one " + name + (operands.isEmpty() ? "" : ", got " + String.join(" ", operands)), 2);
        }
        return operands.get(0);
    }

    private static int integer(Map<String, String> options, String key, int fallback) {
        String value = options.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CliFailure("--" + key + " '" + value + "' is not a number", 2);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

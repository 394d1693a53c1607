package no.dhoindex.gateway.federation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The stateless cursor of a federated search: the patient, the search (everything but the page) and
 * where each community stands, MACed (HMAC-SHA256) with the gateway's key so that it cannot be made
 * or changed by a client. It names its patient: a cursor is honoured only for the search it was made
 * for, about that patient, and the caller must be bound to that patient like any search.
 */
public final class SearchCursor {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private final byte[] key;

    public SearchCursor(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the cursor key must be at least 256 bits");
        }
        this.key = key.clone();
    }

    public String seal(DataSearch search, Map<String, Integer> next) {
        StringBuilder payload = new StringBuilder(search.patient().toCx()).append('\n').append(search.signature())
                .append('\n');
        next.forEach((source, offset) -> payload.append(source).append('=').append(offset).append(';'));
        byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(mac(bytes));
    }

    /**
     * Where each community stands, if the cursor is this gateway's, for this search about this
     * patient; empty for anything else (forged, changed, another search or another patient's).
     */
    public Optional<Map<String, Integer>> open(String cursor, DataSearch search) {
        int dot = cursor == null ? -1 : cursor.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] given;
        try {
            payload = DECODE.decode(cursor.substring(0, dot));
            given = DECODE.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(mac(payload), given)) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 3 || !parts[0].equals(search.patient().toCx()) || !parts[1].equals(search.signature())) {
            return Optional.empty();
        }
        Map<String, Integer> position = new LinkedHashMap<>();
        for (String s : parts[2].split(";")) {
            int eq = s.lastIndexOf('=');
            if (eq > 0) {
                position.put(s.substring(0, eq), Integer.parseInt(s.substring(eq + 1)));
            }
        }
        return Optional.of(position);
    }

    /** The patient a cursor names, unverified: which patient the caller must be bound to before it is opened. */
    public static Optional<PatientId> patientOf(String cursor) {
        int dot = cursor == null ? -1 : cursor.indexOf('.');
        try {
            String payload = new String(DECODE.decode(cursor.substring(0, Math.max(dot, 0))), StandardCharsets.UTF_8);
            return Optional.of(PatientId.parseCx(payload.substring(0, payload.indexOf('\n'))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

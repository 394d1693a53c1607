package no.dhoindex.shared.trust.checks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * ES256 (ECDSA on P-256 with SHA-256, RFC 7518 §3.4) verified with BouncyCastle's P-256 arithmetic
 * instead of the JDK's: every call to the gateway carries a fresh DPoP proof whose signature must be
 * verified, and JDK 17's SunEC took 4-5 ms of CPU per verification where this takes under 1 ms on
 * the same loaded machine (the largest single step of a gateway FHIR search's CPU). The same rules as
 * Nimbus's {@code ECDSAVerifier}: ES256 only, no critical header it does not understand, a signature
 * of exactly 64 bytes (R and S), R and S in [1, n-1] (no "psychic signature"), the key a point of
 * P-256.
 */
public final class Es256Verifier implements JWSVerifier {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(),
            P256.getH());
    private static final int HALF = 32;

    /**
     * The P-256 keys seen lately, each checked once to be on the curve, by their JWK coordinates. A client
     * signs every proof of its session with one key, and BouncyCastle keeps the table it multiplies a point
     * by on the point object itself: verifying with the same object again skips building it (thread CPU per
     * verification 0.31-0.45 -> 0.15-0.18 ms, bench/results/fhirfast-gateway-cpu-20261203.md). Public keys
     * only; bounded.
     */
    private static final Map<String, ECPublicKeyParameters> KEYS = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ECPublicKeyParameters> eldest) {
                    return size() > 256;
                }
            });

    private final ECPublicKeyParameters key;
    private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();
    private final JCAContext jca = new JCAContext();

    /**
     * @throws JOSEException if the key is not a public key on P-256
     */
    public Es256Verifier(ECKey jwk) throws JOSEException {
        if (!Curve.P_256.equals(jwk.getCurve())) {
            throw new JOSEException("ES256 needs a P-256 key, not " + jwk.getCurve());
        }
        String coordinates = jwk.getX() + "." + jwk.getY();
        ECPublicKeyParameters known = KEYS.get(coordinates);
        if (known == null) {
            try {
                // validatePoint and the parameters' own check refuse a point off the curve (invalid-curve attacks).
                known = new ECPublicKeyParameters(DOMAIN.getCurve().validatePoint(jwk.getX().decodeToBigInteger(),
                        jwk.getY().decodeToBigInteger()), DOMAIN);
            } catch (IllegalArgumentException e) {
                throw new JOSEException("the key is not a point of P-256");
            }
            KEYS.put(coordinates, known);
        }
        key = known;
    }

    /** Whether this verifier is the one for a header and key: ES256 with an EC key on P-256. */
    public static boolean handles(JWSHeader header, Object jwk) {
        return JWSAlgorithm.ES256.equals(header.getAlgorithm()) && jwk instanceof ECKey ec
                && Curve.P_256.equals(ec.getCurve());
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new JOSEException("only ES256 is verified here, not " + header.getAlgorithm());
        }
        if (!critical.headerPasses(header)) {
            return false;
        }
        byte[] rs = signature.decode();
        if (rs.length != 2 * HALF) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, HALF));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, HALF, 2 * HALF));
        ECDSASigner ecdsa = new ECDSASigner();
        ecdsa.init(false, key);
        // verifySignature answers false for R or S outside [1, n-1].
        return ecdsa.verifySignature(sha256(signingInput), r, s);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.ES256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

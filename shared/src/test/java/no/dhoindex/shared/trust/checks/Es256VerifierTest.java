package no.dhoindex.shared.trust.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ES256 by BouncyCastle: what Nimbus's JDK verifier accepts it accepts, and each forgery it refuses. */
class Es256VerifierTest {

    /** The order n of P-256. */
    private static final BigInteger N =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private final ECKey key = generate(Curve.P_256);

    private static ECKey generate(Curve curve) {
        try {
            return new ECKeyGenerator(curve).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private SignedJWT signed(JWSHeader header, ECKey with) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, new JWTClaimsSet.Builder().jwtID("proof-1").claim("htm", "GET").build());
        jwt.sign(new ECDSASigner(with));
        return jwt;
    }

    private JWSHeader header() {
        return new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt")).jwk(key.toPublicJWK()).build();
    }

    private boolean verifies(JWSHeader header, byte[] input, Base64URL signature) throws JOSEException {
        return new Es256Verifier(key.toPublicJWK()).verify(header, input, signature);
    }

    @Test
    void acceptsWhatTheJdkVerifierAccepts() throws Exception {
        for (int i = 0; i < 20; i++) {
            SignedJWT jwt = signed(header(), key);
            assertTrue(jwt.verify(new ECDSAVerifier(key.toPublicJWK())));
            assertTrue(jwt.verify(new Es256Verifier(key.toPublicJWK())));
        }
    }

    @Test
    void refusesAnotherKeysSignature() throws Exception {
        SignedJWT jwt = signed(header(), generate(Curve.P_256));
        assertFalse(jwt.verify(new Es256Verifier(key.toPublicJWK())));
    }

    @Test
    void refusesAChangedPayload() throws Exception {
        SignedJWT jwt = signed(header(), key);
        String[] parts = jwt.serialize().split("\\.");
        String otherPayload = Base64URL.encode("{\"jti\":\"proof-2\",\"htm\":\"GET\"}").toString();
        byte[] input = (parts[0] + "." + otherPayload).getBytes(StandardCharsets.US_ASCII);
        assertFalse(verifies(jwt.getHeader(), input, jwt.getSignature()));
    }

    @Test
    void refusesZeroAndOutOfRangeRAndS() throws Exception {
        SignedJWT jwt = signed(header(), key);
        byte[] input = jwt.getSigningInput();
        // The "psychic signature" (CVE-2022-21449): R = S = 0 verifies against any message where unchecked.
        assertFalse(verifies(jwt.getHeader(), input, Base64URL.encode(new byte[64])));
        byte[] real = jwt.getSignature().decode();
        byte[] rIsN = Arrays.copyOf(unsigned32(N), 64);
        System.arraycopy(real, 32, rIsN, 32, 32);
        assertFalse(verifies(jwt.getHeader(), input, Base64URL.encode(rIsN)));
        byte[] sIsN = Arrays.copyOf(real, 64);
        System.arraycopy(unsigned32(N), 0, sIsN, 32, 32);
        assertFalse(verifies(jwt.getHeader(), input, Base64URL.encode(sIsN)));
        // R + n is R as a point coordinate but not as a signature value: still refused as out of range.
        byte[] rPlusN = Arrays.copyOf(real, 64);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(real, 0, 32)).add(N);
        if (r.bitLength() <= 256) {
            System.arraycopy(unsigned32(r), 0, rPlusN, 0, 32);
            assertFalse(verifies(jwt.getHeader(), input, Base64URL.encode(rPlusN)));
        }
    }

    @Test
    void refusesASignatureOfAnotherLength() throws Exception {
        SignedJWT jwt = signed(header(), key);
        byte[] real = jwt.getSignature().decode();
        assertFalse(verifies(jwt.getHeader(), jwt.getSigningInput(), Base64URL.encode(Arrays.copyOf(real, 63))));
        assertFalse(verifies(jwt.getHeader(), jwt.getSigningInput(), Base64URL.encode(Arrays.copyOf(real, 65))));
    }

    @Test
    void refusesACriticalHeaderItDoesNotUnderstand() throws Exception {
        JWSHeader critical = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(key.toPublicJWK()).customParam("exp-x", 1).criticalParams(Set.of("exp-x")).build();
        SignedJWT jwt = signed(critical, key);
        assertFalse(jwt.verify(new Es256Verifier(key.toPublicJWK())));
    }

    @Test
    void takesOnlyES256OnP256() throws Exception {
        assertTrue(Es256Verifier.handles(header(), key.toPublicJWK()));
        assertFalse(Es256Verifier.handles(new JWSHeader(JWSAlgorithm.ES384), generate(Curve.P_384).toPublicJWK()));
        assertFalse(Es256Verifier.handles(header(), generate(Curve.P_384).toPublicJWK()));
        assertThrows(JOSEException.class, () -> new Es256Verifier(generate(Curve.P_384).toPublicJWK()));
        SignedJWT jwt = signed(header(), key);
        assertThrows(JOSEException.class, () -> verifies(new JWSHeader(JWSAlgorithm.ES384), jwt.getSigningInput(),
                jwt.getSignature()));
        assertEquals(Set.of(JWSAlgorithm.ES256), new Es256Verifier(key.toPublicJWK()).supportedJWSAlgorithms());
    }

    @Test
    void refusesAKeyOffTheCurve() throws Exception {
        ECKey real = key.toPublicJWK();
        BigInteger y = real.getY().decodeToBigInteger().add(BigInteger.ONE);
        byte[] offCurveY = unsigned32(y);
        // Nimbus's own ECKey refuses such coordinates too; whichever refuses first, no verifier is made.
        assertThrows(Exception.class, () -> new Es256Verifier(new ECKey.Builder(Curve.P_256, real.getX(),
                Base64URL.encode(offCurveY)).build()));
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int from = Math.max(0, bytes.length - 32);
        System.arraycopy(bytes, from, out, 32 - (bytes.length - from), bytes.length - from);
        return out;
    }

    @Test
    void aKeySeenBeforeStillTellsItsOwnSignaturesFromOthers() throws Exception {
        // Two clients' keys, each verifier made again per proof as the gateway does (the second time from kept points).
        ECKey other = generate(Curve.P_256);
        JWSHeader otherHeader = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(other.toPublicJWK()).build();
        for (int i = 0; i < 5; i++) {
            SignedJWT mine = signed(header(), key);
            SignedJWT theirs = signed(otherHeader, other);
            assertTrue(mine.verify(new Es256Verifier(key.toPublicJWK())));
            assertTrue(theirs.verify(new Es256Verifier(other.toPublicJWK())));
            assertFalse(mine.verify(new Es256Verifier(other.toPublicJWK())));
            assertFalse(theirs.verify(new Es256Verifier(key.toPublicJWK())));
            String[] parts = mine.serialize().split("\\.");
            byte[] changed = (parts[0] + "." + Base64URL.encode("{\"jti\":\"x\"}")).getBytes(StandardCharsets.US_ASCII);
            assertFalse(verifies(mine.getHeader(), changed, mine.getSignature()));
        }
    }
}

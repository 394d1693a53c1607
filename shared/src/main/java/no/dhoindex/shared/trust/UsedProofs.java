package no.dhoindex.shared.trust;

import java.time.Instant;

/**
 * Where DPoP proof ids ({@code jti}) are remembered so a proof is accepted once (RFC 9449 §11.1).
 * Every node that accepts proofs for the same tokens must share one: a replay sent to another node
 * of a cluster is still a replay.
 */
public interface UsedProofs {

    /**
     * True the first time {@code jti} is offered anywhere this store reaches; false for a replay.
     * The id may be forgotten after {@code forgetAfter}, when its proof is too old to be accepted anyway.
     */
    boolean firstUse(String jti, Instant forgetAfter, Instant now);
}

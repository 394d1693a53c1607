package no.dhoindex.shared.xua;

import java.util.Objects;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The caller a verified XUA assertion vouches for: a health professional of the assertion's
 * organisation, bound to the patient of its resource-id (authority and id together). A resource-id
 * that is absent or not a CX with an ISO authority binds to nobody (fail closed).
 */
public final class XuaCallers {

    private XuaCallers() {
    }

    public static Caller of(XuaClaims claims) {
        Objects.requireNonNull(claims, "claims");
        return Caller.healthPersonnel(claims.subjectId(), claims.subjectName(), claims.hprNumber(),
                claims.organizationId(), claims.role(), claims.purposeOfUse(), PatientId.parseCx(claims.patientCx()));
    }
}

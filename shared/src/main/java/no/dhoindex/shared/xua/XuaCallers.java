package no.dhoindex.shared.xua;

import java.util.Objects;
import no.dhoindex.shared.access.Caller;
import no.dhoindex.shared.xds.model.PatientId;

/**
 * The {@link Caller} a verified XUA assertion stands for: the health professional it names, of its
 * organisation, with its role and purpose of use, bound to the patient of its resource-id (authority
 * and id together). An assertion without a readable resource-id binds to nobody (fail closed).
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

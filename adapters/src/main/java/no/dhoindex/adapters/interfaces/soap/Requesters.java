package no.dhoindex.adapters.interfaces.soap;

import java.util.Optional;
import no.dhoindex.adapters.sharing.Requester;
import no.dhoindex.shared.xua.XuaClaims;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/**
 * Who asks, as the gateway's XUA assertion on the current call says (checked by {@code XuaIn}
 * before the transaction runs): the health professional, organisation and purpose of use a
 * patient's blocking and the organisation's minimisation are applied to.
 */
final class Requesters {

    private Requesters() {
    }

    static Optional<Requester> current() {
        XuaClaims claims = claims();
        return claims == null ? Requester.UNIDENTIFIED : Optional.of(new Requester(claims.organizationId(),
                claims.hprNumber(), claims.purposeOfUse()));
    }

    /** The current call's verified XUA claims, null if it carried none. */
    static XuaClaims claims() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        return message == null ? null : message.getExchange().get(XuaClaims.class);
    }
}

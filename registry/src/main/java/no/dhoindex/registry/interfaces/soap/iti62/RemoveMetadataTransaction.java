package no.dhoindex.registry.interfaces.soap.iti62;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.dhoindex.registry.application.MetadataRemoval;
import no.dhoindex.registry.domain.NotOwnPointers;
import no.dhoindex.registry.domain.Registrant;
import no.dhoindex.registry.interfaces.soap.SubmittingOrganisation;
import no.dhoindex.shared.trust.VerifiedCaller;
import no.dhoindex.shared.xds.error.XdsErrorCode;
import no.dhoindex.shared.xds.error.XdsRefusal;
import no.dhoindex.shared.xds.wire.RemovalMessages;
import no.dhoindex.shared.xds.wire.XdsMessages;
import org.apache.cxf.binding.soap.SoapFault;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.lcm.RemoveObjectsRequest;
import org.openehealth.ipf.commons.ihe.xds.core.stub.ebrs30.rs.RegistryResponseType;

/**
 * ITI-62 Remove Metadata (Delete Document Set) at the wire: RemoveObjectsRequest in, RegistryResponse
 * out; a failure of the metadata a RegistryError, another organisation's object a SOAP Fault 403 (as
 * for ITI-42), and nothing removed unless everything is.
 */
public final class RemoveMetadataTransaction {

    private static final Logger LOG = Logger.getLogger(RemoveMetadataTransaction.class.getName());

    private final MetadataRemoval removal;
    private final SubmittingOrganisation organisations;

    public RemoveMetadataTransaction(MetadataRemoval removal, SubmittingOrganisation organisations) {
        this.removal = removal;
        this.organisations = organisations;
    }

    /** @param caller the system SystemTokenIn verified for this call (null: none) */
    public RegistryResponseType handle(RemoveObjectsRequest request, VerifiedCaller caller) {
        long started = System.nanoTime();
        int named = 0;
        try {
            Registrant registrant = organisations.of(caller, "removal");
            List<String> entryUuids = RemovalMessages.readRemoval(request);
            named = entryUuids.size();
            MetadataRemoval.Removed removed = removal.remove(entryUuids, registrant);
            LOG.info(() -> "event=iti62 organisation=" + registrant.orgnr() + " patient=" + removed.patientCx()
                    + " removed=" + removed.counts() + " outcome=success ms=" + millis(started));
            return XdsMessages.success();
        } catch (XdsRefusal refusal) {
            int objects = named;
            LOG.info(() -> "event=iti62 objects=" + objects + " outcome=failure error=" + refusal.errorCode().code()
                    + " reason=\"" + refusal.getMessage() + "\" ms=" + millis(started));
            return XdsMessages.failure(List.of(refusal));
        } catch (NotOwnPointers refusal) {
            LOG.warning(() -> "event=iti62 outcome=forbidden reason=\"" + refusal.getMessage() + "\"");
            throw SubmittingOrganisation.fault(refusal.getMessage(), 403);
        } catch (SoapFault fault) {
            throw fault;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "event=iti62 outcome=error");
            return XdsMessages.failure(List.of(new XdsRefusal(XdsErrorCode.REGISTRY_ERROR,
                    "The registry could not process the removal; nothing was removed")));
        }
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}

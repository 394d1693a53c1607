package no.dhoindex.shared.soap;

import jakarta.xml.ws.soap.SOAPBinding;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;

/**
 * Publishes an IHE SOAP endpoint the same way everywhere: SOAP 1.2 only, exactly one wsa:Action,
 * wsa:MessageID and wsa:To, the body the one the Action names, the dispatched operation's credential
 * checked before it runs, MTOM where documents travel; what cannot be read is a Sender fault without
 * parser internals.
 */
public final class SoapEndpoints {

    private SoapEndpoints() {
    }

    /**
     * Publishes {@code implementation} at {@code address}; each operation of {@code port} takes the
     * credential {@code security} lists for it.
     *
     * @throws IllegalStateException when {@code security} does not list every operation of the port
     */
    public static void publish(Bus bus, String address, Class<?> port, Object implementation, boolean mtom,
                               OperationSecurity security) {
        OperationGuard guard = new OperationGuard(security.forPort(port));
        SharedBindingAddressingCodec.installOn(bus);
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(port);
        factory.setServiceBean(implementation);
        factory.setAddress(address);
        factory.setBindingId(mtom ? SOAPBinding.SOAP12HTTP_MTOM_BINDING : SOAPBinding.SOAP12HTTP_BINDING);
        if (mtom) {
            // Documents travel as MTOM/XOP parts (ITI TF-2x V.3.6), in replies too.
            Map<String, Object> properties = new HashMap<>();
            properties.put("mtom-enabled", Boolean.TRUE);
            factory.setProperties(properties);
        }
        WSAddressingFeature addressing = new WSAddressingFeature();
        addressing.setAddressingRequired(true);
        factory.getFeatures().add(addressing);
        factory.getInInterceptors().add(new Soap12Only());
        factory.getInInterceptors().add(new AddressingHeaders());
        factory.getInInterceptors().add(new PlainAddressingIn());
        factory.getInInterceptors().add(new ActionMatchesOperation(port));
        factory.getInInterceptors().add(guard);
        factory.getOutFaultInterceptors().add(new InputFaults());
        factory.create();
    }
}

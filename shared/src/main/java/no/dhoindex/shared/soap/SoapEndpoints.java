package no.dhoindex.shared.soap;

import jakarta.xml.ws.soap.SOAPBinding;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.ws.addressing.WSAddressingFeature;

/**
 * Publishes an IHE SOAP endpoint the same way everywhere: SOAP 1.2 only, WS-Addressing required,
 * MTOM where documents travel.
 */
public final class SoapEndpoints {

    private SoapEndpoints() {
    }

    public static void publish(Bus bus, String address, Class<?> port, Object implementation, boolean mtom) {
        publish(bus, address, port, implementation, mtom, java.util.List.of());
    }

    /** The same, with further checks on every incoming message (e.g. {@link XuaIn}). */
    public static void publish(Bus bus, String address, Class<?> port, Object implementation, boolean mtom,
                               java.util.List<org.apache.cxf.interceptor.Interceptor<? extends org.apache.cxf.message.Message>> in) {
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
        factory.getInInterceptors().add(new AddressingRequired());
        factory.getInInterceptors().add(new ActionMatchesOperation(port));
        factory.getInInterceptors().addAll(in);
        factory.create();
    }
}

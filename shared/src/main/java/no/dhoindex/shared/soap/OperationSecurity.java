package no.dhoindex.shared.soap;

import jakarta.jws.WebMethod;
import jakarta.xml.ws.Action;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The one place per SOAP endpoint that says which credential each operation takes, keyed by the
 * operation's WS-Addressing action. {@link SoapEndpoints#publish} refuses to start an endpoint
 * whose port has an operation not listed here, so a new operation is never open by omission.
 */
public final class OperationSecurity {

    private final Map<String, Credential> byAction;

    private OperationSecurity(Map<String, Credential> byAction) {
        this.byAction = Map.copyOf(byAction);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Credential> byAction = new LinkedHashMap<>();

        /** {@code action} (the operation's wsa:Action) takes {@code credential}. */
        public Builder operation(String action, Credential credential) {
            if (credential == null || byAction.putIfAbsent(action, credential) != null) {
                throw new IllegalArgumentException("the operation " + action + " is listed twice or without credential");
            }
            return this;
        }

        public OperationSecurity build() {
            return new OperationSecurity(byAction);
        }
    }

    /**
     * The credential of each operation of {@code port}, by operation name (as CXF dispatches).
     *
     * @throws IllegalStateException when an operation of the port is not listed, or an action listed
     *                               is not one of the port (a typo would otherwise leave an operation open)
     */
    Map<String, Credential> forPort(Class<?> port) {
        Map<String, Credential> byOperation = new HashMap<>();
        TreeSet<String> unlisted = new TreeSet<>();
        TreeSet<String> unused = new TreeSet<>(byAction.keySet());
        for (Method method : port.getMethods()) {
            WebMethod webMethod = method.getAnnotation(WebMethod.class);
            if (webMethod == null) {
                continue;
            }
            String operation = webMethod.operationName().isEmpty() ? method.getName() : webMethod.operationName();
            String action = Optional.ofNullable(method.getAnnotation(Action.class)).map(Action::input).orElse("");
            Credential credential = byAction.get(action);
            if (credential == null) {
                unlisted.add(operation + " (" + action + ")");
            } else {
                byOperation.put(operation, credential);
                unused.remove(action);
            }
        }
        if (!unlisted.isEmpty() || !unused.isEmpty()) {
            throw new IllegalStateException("The security of " + port.getSimpleName() + " does not match its operations:"
                    + " unlisted " + unlisted + ", not of the port " + unused);
        }
        return byOperation;
    }
}

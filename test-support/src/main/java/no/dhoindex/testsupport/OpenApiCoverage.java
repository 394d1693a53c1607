package no.dhoindex.testsupport;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a deployable really serves, found by reflection over its compiled classes, beside what its
 * OpenAPI document ({@code /openapi.json}) says: JAX-RS applications and their resources (paths and
 * HTTP methods), HAPI resource providers ({@code @Search}, {@code @Read}) under a FHIR servlet,
 * servlets with exact URL patterns, and every SOAP action of every {@code @WebService} port type.
 * Annotations are matched by name so that this module needs none of their APIs.
 */
public final class OpenApiCoverage {

    private final List<Class<?>> classes;

    private OpenApiCoverage(List<Class<?>> classes) {
        this.classes = classes;
    }

    /** The classes compiled into the directory (or jar) {@code anyMainClass} was loaded from. */
    public static OpenApiCoverage of(Class<?> anyMainClass) {
        try {
            Path root = Path.of(anyMainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<Class<?>> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                    String name = root.relativize(p).toString().replace('/', '.').replace(".class", "");
                    try {
                        found.add(Class.forName(name, false, anyMainClass.getClassLoader()));
                    } catch (ClassNotFoundException | LinkageError e) {
                        // a class whose dependencies are not on the test's path declares no endpoint we can see
                    }
                }
            }
            return new OpenApiCoverage(found);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "METHOD /path" for every JAX-RS resource method; {@code {name: a|b}} templates expanded into each alternative. */
    public Set<String> jaxRsOperations() {
        Set<String> operations = new TreeSet<>();
        for (Class<?> app : classes) {
            String base = value(app, "jakarta.ws.rs.ApplicationPath");
            if (base == null) {
                continue;
            }
            Object resources = invoke(newInstance(app), "getClasses");
            for (Object resource : (Set<?>) resources) {
                Class<?> type = (Class<?>) resource;
                String classPath = value(type, "jakarta.ws.rs.Path");
                for (Method m : type.getMethods()) {
                    String verb = verb(m);
                    if (verb == null) {
                        continue;
                    }
                    String methodPath = value(m, "jakarta.ws.rs.Path");
                    for (String path : expand(join(base, classPath, methodPath))) {
                        operations.add(verb + " " + path);
                    }
                }
            }
        }
        return operations;
    }

    /** "GET /fhir/Type" and "GET /fhir/Type/{id}" for every HAPI provider's search and read, under {@code fhirBase}. */
    public Set<String> fhirOperations(String fhirBase) {
        Set<String> operations = new TreeSet<>();
        for (Class<?> provider : classes) {
            if (java.lang.reflect.Modifier.isAbstract(provider.getModifiers())) {
                continue;
            }
            for (Method m : provider.getMethods()) {
                if (m.getName().equals("getResourceType") && m.getGenericReturnType() instanceof ParameterizedType p
                        && p.getActualTypeArguments()[0] instanceof Class<?> resourceType) {
                    String type = resourceType.getSimpleName();
                    for (Method op : provider.getMethods()) {
                        if (annotation(op, "ca.uhn.fhir.rest.annotation.Search") != null) {
                            operations.add("GET " + fhirBase + "/" + type);
                        }
                        if (annotation(op, "ca.uhn.fhir.rest.annotation.Read") != null) {
                            operations.add("GET " + fhirBase + "/" + type + "/{id}");
                        }
                    }
                }
            }
        }
        return operations;
    }

    /**
     * The query parameters of every HAPI search, by "GET /fhir/Type": each {@code @OptionalParam} /
     * {@code @RequiredParam} by name (as {@code name.identifier} where only that chain is taken),
     * {@code _sort} for {@code @Sort}, {@code _count} for {@code @Count}.
     */
    public Map<String, Set<String>> fhirSearchParameters(String fhirBase) {
        Map<String, Set<String>> parameters = new java.util.TreeMap<>();
        for (Class<?> provider : classes) {
            for (Method m : provider.getMethods()) {
                if (!(m.getName().equals("getResourceType") && m.getGenericReturnType() instanceof ParameterizedType p
                        && p.getActualTypeArguments()[0] instanceof Class<?> resourceType)) {
                    continue;
                }
                for (Method search : provider.getMethods()) {
                    if (annotation(search, "ca.uhn.fhir.rest.annotation.Search") == null) {
                        continue;
                    }
                    Set<String> names = parameters.computeIfAbsent("GET " + fhirBase + "/" + resourceType.getSimpleName(),
                            k -> new TreeSet<>());
                    for (Annotation[] annotations : search.getParameterAnnotations()) {
                        for (Annotation a : annotations) {
                            String type = a.annotationType().getName();
                            if (type.endsWith(".OptionalParam") || type.endsWith(".RequiredParam")) {
                                String[] chains = (String[]) invoke(a, "chainWhitelist");
                                String name = (String) invoke(a, "name");
                                boolean oneChain = chains.length == 1 && !chains[0].isEmpty() && !"*".equals(chains[0]);
                                names.add(oneChain ? name + "." + chains[0] : name);
                            } else if (type.equals("ca.uhn.fhir.rest.annotation.Sort")) {
                                names.add("_sort");
                            } else if (type.equals("ca.uhn.fhir.rest.annotation.Count")) {
                                names.add("_count");
                            }
                        }
                    }
                }
            }
        }
        return parameters;
    }

    /** The query parameters the document names for one operation ("GET /path"). */
    @SuppressWarnings("unchecked")
    public static Set<String> documentedParameters(Map<String, Object> document, String operation) {
        int space = operation.indexOf(' ');
        Map<String, Object> path = (Map<String, Object>) paths(document).get(operation.substring(space + 1));
        Map<String, Object> op = path == null ? null
                : (Map<String, Object>) path.get(operation.substring(0, space).toLowerCase(java.util.Locale.ROOT));
        Set<String> names = new TreeSet<>();
        if (op != null && op.get("parameters") instanceof List<?> list) {
            for (Object parameter : list) {
                Map<String, Object> p = (Map<String, Object>) parameter;
                if ("query".equals(p.get("in"))) {
                    names.add((String) p.get("name"));
                }
            }
        }
        return names;
    }

    /** The exact (non-wildcard) URL patterns of the {@code @WebServlet}s. */
    public Set<String> exactServletPaths() {
        Set<String> paths = new TreeSet<>();
        for (Class<?> c : classes) {
            Annotation servlet = annotation(c, "jakarta.servlet.annotation.WebServlet");
            if (servlet != null) {
                for (String pattern : (String[]) invoke(servlet, "urlPatterns")) {
                    if (!pattern.contains("*")) {
                        paths.add(pattern);
                    }
                }
            }
        }
        return paths;
    }

    /** The servlets' exact paths the document does not name. */
    public Set<String> undocumentedServletPaths(Map<String, Object> document) {
        Set<String> missing = new TreeSet<>(exactServletPaths());
        missing.removeAll(paths(document).keySet());
        return missing;
    }

    /**
     * The document's operations that are neither in {@code served} nor on a servlet path; the SOAP
     * endpoints (checked by their actions) and the server's {@code /health} are not this code's.
     */
    public Set<String> documentedButNotServed(Map<String, Object> document, Set<String> served) {
        Set<String> extra = new TreeSet<>();
        for (String operation : documented(document)) {
            String path = operation.substring(operation.indexOf(' ') + 1);
            if (!served.contains(operation) && !exactServletPaths().contains(path) && !path.startsWith("/services/")
                    && !path.startsWith("/health/")) {
                extra.add(operation);
            }
        }
        return extra;
    }

    /** Every input action ({@code @Action(input=…)}) of every {@code @WebService} interface. */
    public Set<String> soapActions() {
        Set<String> actions = new TreeSet<>();
        for (Class<?> c : classes) {
            if (c.isInterface() && annotation(c, "jakarta.jws.WebService") != null) {
                for (Method m : c.getMethods()) {
                    Annotation action = annotation(m, "jakarta.xml.ws.Action");
                    if (action != null) {
                        actions.add((String) invoke(action, "input"));
                    }
                }
            }
        }
        return actions;
    }

    /** The document's operations as "METHOD /path" (lower-case OpenAPI methods upper-cased). */
    public static Set<String> documented(Map<String, Object> document) {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, Object> path : paths(document).entrySet()) {
            for (String method : ((Map<String, Object>) path.getValue()).keySet()) {
                if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                    operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** Every {@code x-soap-actions} value of the document's operations. */
    @SuppressWarnings("unchecked")
    public static Set<String> documentedSoapActions(Map<String, Object> document) {
        Set<String> actions = new TreeSet<>();
        for (Object path : paths(document).values()) {
            for (Object operation : ((Map<String, Object>) path).values()) {
                if (operation instanceof Map<?, ?> o && o.get("x-soap-actions") instanceof List<?> list) {
                    list.forEach(a -> actions.add((String) a));
                }
            }
        }
        return actions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> paths(Map<String, Object> document) {
        return (Map<String, Object>) document.get("paths");
    }

    /** The deployable's document as its WAR serves it. */
    public static Map<String, Object> document(Class<?> anyMainClass) {
        try (InputStream in = anyMainClass.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("no /openapi.json beside " + anyMainClass.getName());
            }
            return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("openapi.json is not JSON: " + e.getMessage(), e);
        }
    }

    private static String verb(Method m) {
        for (String verb : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD")) {
            if (annotation(m, "jakarta.ws.rs." + verb) != null) {
                return verb;
            }
        }
        return null;
    }

    private static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isEmpty() || part.equals("/")) {
                continue;
            }
            path.append('/').append(part.replaceAll("^/+", "").replaceAll("/+$", ""));
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    /** {@code /{type: A|B}/{id}} → {@code /A/{id}}, {@code /B/{id}}; other templates keep their name only. */
    static List<String> expand(String path) {
        java.util.regex.Matcher alternatives = java.util.regex.Pattern.compile("\\{\\s*\\w+\\s*:\\s*([\\w|]+)\\s*}")
                .matcher(path);
        if (alternatives.find()) {
            List<String> expanded = new ArrayList<>();
            for (String alternative : alternatives.group(1).split("\\|")) {
                expanded.addAll(expand(path.substring(0, alternatives.start()) + alternative
                        + path.substring(alternatives.end())));
            }
            return expanded;
        }
        return List.of(path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}"));
    }

    private static String value(java.lang.reflect.AnnotatedElement element, String annotationName) {
        Annotation a = annotation(element, annotationName);
        return a == null ? null : (String) invoke(a, "value");
    }

    private static Annotation annotation(java.lang.reflect.AnnotatedElement element, String name) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static Object newInstance(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object invoke(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.cytotrial.it.support;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the built application offers, read from the EAR the tests deploy: every JAX-RS endpoint
 * (from the resource classes' annotations, with the roles their {@code @Allowed} declares) and
 * every page (the WAR's .xhtml files, with the roles web.xml's security constraints give them).
 * Tests built on it cover endpoints and pages added later without being edited.
 */
public final class DeployedApplication {

    /** One REST endpoint; {@code roles} is null when the endpoint declares nothing. */
    public record Endpoint(String method, String template, Set<String> roles, boolean anonymous, String consumes,
            String javaMethod) {
        public boolean declared() {
            return roles != null;
        }

        public boolean changesData() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }

        @Override
        public String toString() {
            return method + " " + template + " (" + javaMethod + ")";
        }
    }

    /** One page and who web.xml lets in: open, any logged-in user (roles empty), or the roles. */
    public record Page(String path, boolean open, Set<String> roles) {}

    private static DeployedApplication instance;

    private final List<Endpoint> endpoints;
    private final List<Page> pages;
    private final List<String> uninspectable;
    private final String webXml;

    private DeployedApplication(List<Endpoint> endpoints, List<Page> pages, List<String> uninspectable, String webXml) {
        this.endpoints = endpoints;
        this.pages = pages;
        this.uninspectable = uninspectable;
        this.webXml = webXml;
    }

    /** The WAR's deployment descriptor as built. */
    public String webXml() {
        return webXml;
    }

    public static synchronized DeployedApplication read() {
        if (instance == null) {
            instance = load(new File(System.getProperty("it.ear", "target/cytotrial.ear")).toPath());
        }
        return instance;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public List<Page> pages() {
        return pages;
    }

    /** Classes that mention JAX-RS annotations but could not be loaded for inspection. */
    public List<String> uninspectable() {
        return uninspectable;
    }

    private static DeployedApplication load(Path ear) {
        try {
            Path dir = Files.createTempDirectory("cytotrial-ear-");
            unzip(Files.newInputStream(ear), dir);
            Path war = dir.resolve("cytotrial-web.war");
            Path web = dir.resolve("web");
            unzip(Files.newInputStream(war), web);
            List<URL> urls = new ArrayList<>();
            urls.add(web.resolve("WEB-INF/classes").toUri().toURL());
            urls.add(dir.resolve("cytotrial-ejb.jar").toUri().toURL());
            try (Stream<Path> libs = Files.list(dir.resolve("lib"))) {
                for (Path lib : libs.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    urls.add(lib.toUri().toURL());
                }
            }
            List<String> uninspectable = new ArrayList<>();
            List<Endpoint> endpoints;
            try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), DeployedApplication.class.getClassLoader())) {
                endpoints = endpoints(web.resolve("WEB-INF/classes"), loader, uninspectable);
            }
            return new DeployedApplication(endpoints, pages(web), uninspectable,
                    Files.readString(web.resolve("WEB-INF/web.xml"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Endpoint> endpoints(Path classes, ClassLoader loader, List<String> uninspectable) throws IOException {
        List<Class<?>> resources = new ArrayList<>();
        String applicationPath = "";
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
                if (type.isAnnotationPresent(ApplicationPath.class)) {
                    applicationPath = type.getAnnotation(ApplicationPath.class).value();
                }
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    type.getMethods();
                    resources.add(type);
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (bytes.contains("jakarta/ws/rs/")) {
                    uninspectable.add(name + ": " + e);
                }
            }
        }
        Class<? extends Annotation> allowed = allowedAnnotation(loader);
        List<Endpoint> result = new ArrayList<>();
        for (Class<?> resource : resources) {
            String base = join("/" + applicationPath, resource.getAnnotation(jakarta.ws.rs.Path.class).value());
            for (Method method : resource.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                String template = method.isAnnotationPresent(jakarta.ws.rs.Path.class) ? join(base, method.getAnnotation(jakarta.ws.rs.Path.class).value()) : base;
                Annotation declaration = method.getAnnotation(allowed);
                if (declaration == null) {
                    declaration = resource.getAnnotation(allowed);
                }
                Set<String> roles = null;
                boolean anonymous = false;
                if (declaration != null) {
                    roles = new TreeSet<>();
                    for (Object role : (Object[]) invoke(declaration, "value")) {
                        roles.add(((Enum<?>) role).name());
                    }
                    anonymous = (Boolean) invoke(declaration, "anonymous");
                }
                Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                        : resource.getAnnotation(Consumes.class);
                result.add(new Endpoint(http, template, roles, anonymous,
                        consumes == null ? "application/json" : consumes.value()[0],
                        resource.getSimpleName() + "." + method.getName()));
            }
        }
        result.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return List.copyOf(result);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Annotation> allowedAnnotation(ClassLoader loader) {
        try {
            return (Class<? extends Annotation>) Class.forName("org.cytotrial.web.api.Allowed", false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the application has no @Allowed declaration", e);
        }
    }

    private static Object invoke(Annotation annotation, String member) {
        try {
            return annotation.annotationType().getMethod(member).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String a, String b) {
        String joined = (a + "/" + b).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static List<Page> pages(Path web) throws IOException {
        Map<String, Set<String>> constraints = new LinkedHashMap<>();
        Set<String> open = new LinkedHashSet<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document xml = factory.newDocumentBuilder().parse(web.resolve("WEB-INF/web.xml").toFile());
            NodeList all = xml.getElementsByTagNameNS("*", "security-constraint");
            for (int i = 0; i < all.getLength(); i++) {
                Element constraint = (Element) all.item(i);
                NodeList auth = constraint.getElementsByTagNameNS("*", "auth-constraint");
                Set<String> roles = new TreeSet<>();
                if (auth.getLength() > 0) {
                    NodeList names = ((Element) auth.item(0)).getElementsByTagNameNS("*", "role-name");
                    for (int r = 0; r < names.getLength(); r++) {
                        String role = names.item(r).getTextContent().strip();
                        if (!role.equals("**") && !role.equals("*")) {
                            roles.add(role);
                        }
                    }
                }
                NodeList patterns = constraint.getElementsByTagNameNS("*", "url-pattern");
                for (int p = 0; p < patterns.getLength(); p++) {
                    String pattern = patterns.item(p).getTextContent().strip();
                    if (auth.getLength() == 0) {
                        open.add(pattern);
                    } else {
                        constraints.merge(pattern, roles, (x, y) -> {
                            Set<String> union = new TreeSet<>(x);
                            union.addAll(y);
                            return union;
                        });
                    }
                }
            }
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("web.xml cannot be read", e);
        }
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(web)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".xhtml")).sorted().toList()) {
                String path = "/" + web.relativize(file).toString().replace(File.separatorChar, '/');
                if (path.startsWith("/WEB-INF/") || path.startsWith("/META-INF/") || path.startsWith("/resources/")) {
                    continue;
                }
                String best = bestMatch(path, open, constraints.keySet());
                pages.add(new Page(path, open.contains(best), open.contains(best) ? Set.of() : constraints.get(best)));
            }
        }
        return List.copyOf(pages);
    }

    /** Servlet URL-pattern matching: exact, then the longest path prefix, then extension. */
    private static String bestMatch(String path, Set<String> open, Set<String> constrained) {
        List<String> patterns = new ArrayList<>(open);
        patterns.addAll(constrained);
        if (patterns.contains(path)) {
            return path;
        }
        String best = null;
        for (String pattern : patterns) {
            if (pattern.endsWith("/*")) {
                String prefix = pattern.substring(0, pattern.length() - 2);
                if ((path.startsWith(prefix + "/") || path.equals(prefix)) && (best == null || prefix.length() > best.length() - 2)) {
                    best = pattern;
                }
            }
        }
        if (best != null) {
            return best;
        }
        return patterns.stream().filter(p -> p.startsWith("*.") && path.endsWith(p.substring(1))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no security constraint covers " + path + Arrays.toString(patterns.toArray())));
    }

    private static void unzip(InputStream zipped, Path target) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(zipped)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("unsafe entry " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out);
                }
            }
        }
    }
}

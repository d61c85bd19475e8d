package org.cytotrial.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cytotrial.security.Role;

/**
 * The API described as an OpenAPI 3.0 document, read from the JAX-RS resources themselves (paths,
 * methods, parameters, media types, request and response records), so it never drifts from the
 * code: endpoints added later appear without editing anything. The prose (rules, error bodies,
 * examples) is in docs/api.md.
 */
@Path("openapi.json")
@RequestScoped
public class OpenApiResource {

    private static final List<Class<? extends Annotation>> METHODS = List.of(GET.class, POST.class, PUT.class, DELETE.class);

    @Inject
    private BeanManager beans;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public JsonObject document() {
        Map<String, JsonObjectBuilder> paths = new TreeMap<>();
        Map<String, JsonObject> schemas = new TreeMap<>();
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass)
                .filter(c -> c.isAnnotationPresent(Path.class))
                .distinct()
                .sorted(Comparator.comparing(Class::getName))
                .forEach(resource -> describe(resource, paths, schemas));
        JsonObjectBuilder pathObject = Json.createObjectBuilder();
        paths.forEach(pathObject::add);
        JsonObjectBuilder schemaObject = Json.createObjectBuilder();
        schemas.forEach(schemaObject::add);
        return Json.createObjectBuilder()
                .add("openapi", "3.0.3")
                .add("info", Json.createObjectBuilder().add("title", "Cytotrial REST API").add("version", "1")
                        .add("description", "Generated from the JAX-RS resources; rules and examples in docs/api.md"))
                .add("servers", Json.createArrayBuilder().add(Json.createObjectBuilder().add("url", "/cytotrial/api")))
                .add("components", Json.createObjectBuilder().add("schemas", schemaObject)
                        .add("securitySchemes", Json.createObjectBuilder().add("basic",
                                Json.createObjectBuilder().add("type", "http").add("scheme", "basic"))))
                .add("security", Json.createArrayBuilder().add(Json.createObjectBuilder().add("basic", Json.createArrayBuilder())))
                .add("paths", pathObject)
                .build();
    }

    private void describe(Class<?> resource, Map<String, JsonObjectBuilder> paths, Map<String, JsonObject> schemas) {
        String base = resource.getAnnotation(Path.class).value();
        Map<String, JsonObject> inherited = new LinkedHashMap<>();
        for (Field f : resource.getDeclaredFields()) {
            parameter(f.getAnnotations(), f.getType()).ifPresent(p -> inherited.put(p.getString("in") + p.getString("name"), p));
        }
        for (Method m : resource.getMethods()) {
            for (Class<? extends Annotation> http : METHODS) {
                if (!m.isAnnotationPresent(http)) {
                    continue;
                }
                String path = join(base, m.isAnnotationPresent(Path.class) ? m.getAnnotation(Path.class).value() : "");
                JsonObjectBuilder operation = Json.createObjectBuilder()
                        .add("operationId", resource.getSimpleName() + "." + m.getName())
                        .add("tags", Json.createArrayBuilder().add(resource.getSimpleName()));
                JsonArrayBuilder parameters = Json.createArrayBuilder();
                Map<String, JsonObject> all = new LinkedHashMap<>(inherited);
                Type body = null;
                for (int i = 0; i < m.getParameterCount(); i++) {
                    Annotation[] annotations = m.getParameterAnnotations()[i];
                    var p = parameter(annotations, m.getParameterTypes()[i]);
                    if (p.isPresent()) {
                        all.put(p.get().getString("in") + p.get().getString("name"), p.get());
                    } else if (java.util.Arrays.stream(annotations).noneMatch(a -> a instanceof Context)) {
                        body = m.getGenericParameterTypes()[i];
                    }
                }
                all.values().forEach(parameters::add);
                operation.add("parameters", parameters);
                if (body != null) {
                    operation.add("requestBody", Json.createObjectBuilder().add("content", Json.createObjectBuilder()
                            .add(mediaType(m.getAnnotation(Consumes.class), resource.getAnnotation(Consumes.class)),
                                    Json.createObjectBuilder().add("schema", schema(body, schemas)))));
                }
                JsonObjectBuilder ok = Json.createObjectBuilder().add("description", "success");
                if (m.getReturnType() != void.class && m.getReturnType() != jakarta.ws.rs.core.Response.class) {
                    ok.add("content", Json.createObjectBuilder().add(mediaType(m.getAnnotation(Produces.class),
                            resource.getAnnotation(Produces.class)), Json.createObjectBuilder().add("schema",
                            schema(m.getGenericReturnType(), schemas))));
                }
                operation.add("responses", Json.createObjectBuilder().add("200", ok)
                        .add("default", Json.createObjectBuilder().add("description",
                                "an error: {status, message, errors[], problems[]} (see docs/api.md)")));
                paths.computeIfAbsent(path, p -> Json.createObjectBuilder())
                        .add(http.getSimpleName().toLowerCase(java.util.Locale.ROOT), operation);
            }
        }
    }

    private static java.util.Optional<JsonObject> parameter(Annotation[] annotations, Class<?> type) {
        for (Annotation a : annotations) {
            String in = null;
            String name = null;
            if (a instanceof PathParam p) {
                in = "path";
                name = p.value();
            } else if (a instanceof QueryParam q) {
                in = "query";
                name = q.value();
            } else if (a instanceof HeaderParam h) {
                in = "header";
                name = h.value();
            }
            if (in != null) {
                return java.util.Optional.of(Json.createObjectBuilder().add("name", name).add("in", in)
                        .add("required", in.equals("path")).add("schema", simple(type)).build());
            }
        }
        return java.util.Optional.empty();
    }

    private static String mediaType(Annotation method, Annotation type) {
        Annotation a = method != null ? method : type;
        if (a instanceof Consumes c && c.value().length > 0) {
            return c.value()[0];
        }
        if (a instanceof Produces p && p.value().length > 0) {
            return p.value()[0];
        }
        return MediaType.APPLICATION_JSON;
    }

    private static String join(String base, String sub) {
        String path = "/" + base.replaceAll("^/+|/+$", "") + (sub.isEmpty() ? "" : "/" + sub.replaceAll("^/+|/+$", ""));
        // a template with a regular expression, {name: regex}, is written {name}
        return path.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
    }

    private static JsonObject simple(Class<?> type) {
        return schema(type, new TreeMap<>());
    }

    private static JsonObject schema(Type type, Map<String, JsonObject> schemas) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (Collection.class.isAssignableFrom(raw)) {
                return Json.createObjectBuilder().add("type", "array").add("items", schema(p.getActualTypeArguments()[0], schemas)).build();
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Json.createObjectBuilder().add("type", "object")
                        .add("additionalProperties", schema(p.getActualTypeArguments()[1], schemas)).build();
            }
            return schema(raw, schemas);
        }
        if (!(type instanceof Class<?> c)) {
            return Json.createObjectBuilder().build();
        }
        if (c == String.class || c == char.class) {
            return Json.createObjectBuilder().add("type", "string").build();
        }
        if (c == LocalDate.class) {
            return Json.createObjectBuilder().add("type", "string").add("format", "date").build();
        }
        if (c == Instant.class) {
            return Json.createObjectBuilder().add("type", "string").add("format", "date-time").build();
        }
        if (c == boolean.class || c == Boolean.class) {
            return Json.createObjectBuilder().add("type", "boolean").build();
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return Json.createObjectBuilder().add("type", "integer").build();
        }
        if (c == double.class || c == Double.class || c == BigDecimal.class || c == float.class || c == Float.class) {
            return Json.createObjectBuilder().add("type", "number").build();
        }
        if (c.isEnum()) {
            JsonArrayBuilder values = Json.createArrayBuilder();
            for (Object e : c.getEnumConstants()) {
                values.add(((Enum<?>) e).name());
            }
            return Json.createObjectBuilder().add("type", "string").add("enum", values).build();
        }
        if (c.isRecord()) {
            String name = c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
            if (!schemas.containsKey(name)) {
                schemas.put(name, Json.createObjectBuilder().build()); // a placeholder stops recursion
                JsonObjectBuilder properties = Json.createObjectBuilder();
                for (RecordComponent rc : c.getRecordComponents()) {
                    properties.add(rc.getName(), schema(rc.getGenericType(), schemas));
                }
                schemas.put(name, Json.createObjectBuilder().add("type", "object").add("properties", properties).build());
            }
            return Json.createObjectBuilder().add("$ref", "#/components/schemas/" + name).build();
        }
        if (c == byte[].class || c == java.io.InputStream.class) {
            return Json.createObjectBuilder().add("type", "string").add("format", "binary").build();
        }
        return Json.createObjectBuilder().add("type", "object").build();
    }
}

package org.cytotrial.web.api;

import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.cytotrial.audit.AuditContext;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.platform.InvalidInputException.FieldError;

/**
 * The reason for change over REST (21 CFR Part 11: why recorded data changed).
 *
 * <p>Every request may carry it as the {@code X-Change-Reason} header or as a {@code reason}
 * field of its JSON body; this filter hands it to the audit context, where
 * {@link ChangeReason#require} finds it when a service changes existing data. PUT, PATCH and
 * DELETE change existing data by definition, so they are refused here (422, field
 * {@code reason}) without one, after the role check and before any resource runs: no endpoint
 * can forget it. A POST that
 * changes existing data (e.g. an unlock) is checked by its service.
 */
@Provider
@Priority(Priorities.USER)
public class ChangeReasonFilter implements ContainerRequestFilter {

    public static final String HEADER = "X-Change-Reason";
    private static final Set<String> CHANGING = Set.of(HttpMethod.PUT, "PATCH", HttpMethod.DELETE);
    /** JSON bodies up to this size are read for a reason field; larger ones must use the header. */
    private static final int MAX_JSON_BYTES = 1 << 20;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String reason = blankToNull(request.getHeaderString(HEADER));
        if (isJson(request.getMediaType()) && request.hasEntity()) {
            BodyReason found = reasonFromBody(request);
            if (found.unreadable() != null) {
                // a body labelled JSON that is not JSON is a bad request whatever the endpoint
                // (some read no body but the reason): 400, what is wrong where, nothing done
                request.abortWith(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new ApiError(400, "The request body is not the JSON this endpoint reads: body: "
                                + found.unreadable().message(), List.of(found.unreadable()), List.of(), null))
                        .build());
                return;
            }
            reason = reason != null ? reason : found.reason();
        }
        AuditContext.current().supplyReason(reason);
        if (reason == null && CHANGING.contains(request.getMethod())) {
            request.abortWith(Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(422, "A reason for change is required", List.of(new FieldError("reason",
                            "send the reason for this change as the " + HEADER + " header or as a 'reason' field"
                                    + " of the JSON body (e.g. 'transcription error')")), List.of(), null))
                    .build());
        }
    }

    /** The body's reason field, or what makes the body unreadable. */
    private record BodyReason(String reason, FieldError unreadable) {}

    private static BodyReason reasonFromBody(ContainerRequestContext request) throws IOException {
        InputStream in = request.getEntityStream();
        byte[] body = in.readNBytes(MAX_JSON_BYTES + 1);
        if (body.length > MAX_JSON_BYTES) {
            request.setEntityStream(new java.io.SequenceInputStream(new ByteArrayInputStream(body), in));
            return new BodyReason(null, null);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return new BodyReason(null, null);
        }
        try (JsonReader reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object && object.get("reason") instanceof JsonString text) {
                return new BodyReason(blankToNull(text.getString()), null);
            }
        } catch (jakarta.json.stream.JsonParsingException e) {
            return new BodyReason(null, UnreadableJson.syntax(e));
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            return new BodyReason(null, new FieldError("body", "the body is not valid JSON: " + e.getMessage()));
        }
        return new BodyReason(null, null);
    }

    private static boolean isJson(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

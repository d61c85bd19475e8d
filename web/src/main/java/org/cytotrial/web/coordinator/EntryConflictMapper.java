package org.cytotrial.web.coordinator;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.util.List;
import org.cytotrial.platform.FieldChange;
import org.cytotrial.visit.ChangeSince;
import org.cytotrial.visit.EntryConflictException;

/**
 * A visit save that collided with another one: 409 with what the stored visit holds where it
 * differs from the request ({@code changes}), what others changed since the version the caller
 * read ({@code changedSince}: who, when, why, field, old and new value), who saved it last and
 * when, and the version to reload.
 */
@Provider
public class EntryConflictMapper implements ExceptionMapper<EntryConflictException> {

    /** The body of the 409 answer. */
    public record ConflictBody(int status, String message, List<FieldChange> changes, List<ChangeSince> changedSince,
            String savedBy, Instant savedAt, long currentVersion) {}

    @Override
    public Response toResponse(EntryConflictException e) {
        return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ConflictBody(409, e.getMessage(), e.getChanges(), e.getChangedSince(), e.getSavedBy(), e.getSavedAt(), e.getCurrentVersion()))
                .build();
    }
}

package org.cytotrial.web.api;

import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cytotrial.exchange.StudyImportRejectedException;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.DatabaseFailure;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.InvalidInputException.FieldError;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessDeniedException;

/**
 * Turns the services' typed exceptions into HTTP answers in one place: 400 a body that is not
 * the JSON the endpoint reads (syntax, or a value of the wrong type), 401/403 access, 404 not
 * found (or not visible), 409 conflict, 422 invalid input or rejected import, 503 when the
 * database connection was lost (nothing saved; retry). Anything else is a 500 whose body names
 * an incident id that is also in the server log, never a stack trace.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        if (e instanceof MalformedBodyException malformed) {
            return badRequest(malformed.getError());
        }
        java.util.Optional<FieldError> unreadable = UnreadableJson.describe(e);
        if (unreadable.isPresent()) {
            return badRequest(unreadable.get());
        }
        if (e instanceof WebApplicationException web) {
            Response original = web.getResponse();
            return json(original.getStatus(), web.getMessage());
        }
        if (e instanceof StudyImportRejectedException rejected) {
            return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(422, rejected.getMessage(), List.of(), rejected.getProblems(), rejected.getTotal()))
                    .build();
        }
        if (e instanceof InvalidInputException invalid) {
            return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError(422, invalid.getMessage(), invalid.getErrors(), List.of(), null))
                    .build();
        }
        if (e instanceof AccessDeniedException denied) {
            if (!denied.isAuthenticated()) {
                return Response.status(401).header("WWW-Authenticate", "Basic realm=\"Cytotrial\"")
                        .type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(401, denied.getMessage())).build();
            }
            return json(403, denied.getMessage());
        }
        if (e instanceof NotFoundException) {
            return json(404, e.getMessage());
        }
        if (e instanceof ConflictException) {
            return json(409, e.getMessage());
        }
        if (e instanceof OptimisticLockException) {
            return json(409, "Someone else saved this record first; reload it and apply your change again");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident, thrown);
        if (DatabaseFailure.isConnectionLost(thrown)) {
            // the request's transaction was rolled back: say so, and that retrying is right
            return json(503, DatabaseFailure.MESSAGE + " (incident " + incident + ")");
        }
        return json(500, "Internal error; incident " + incident + " is in the server log");
    }

    private static Response badRequest(FieldError error) {
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(400, "The request body is not the JSON this endpoint reads: " + error.field() + ": "
                        + error.message(), List.of(error), List.of(), null))
                .build();
    }

    private static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(status, message)).build();
    }

    static Throwable unwrap(Throwable thrown) {
        Throwable e = thrown;
        while ((e instanceof EJBException || e instanceof jakarta.transaction.RollbackException
                || e.getClass().getName().equals("jakarta.transaction.TransactionalException"))
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}

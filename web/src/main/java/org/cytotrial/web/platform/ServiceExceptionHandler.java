package org.cytotrial.web.platform;

import jakarta.ejb.EJBException;
import jakarta.el.ELException;
import jakarta.faces.FacesException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.persistence.OptimisticLockException;
import java.io.IOException;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.DatabaseFailure;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessDeniedException;

/**
 * Turns the services' typed exceptions into what a page user should see, in one place, so
 * backing beans stay free of try/catch:
 * <ul>
 *   <li>on a form submit (postback): a message on the page — conflict and locked data (409),
 *       invalid input with its fields (422), not allowed (403), someone saved first, the
 *       database lost — and nothing else happens;</li>
 *   <li>when opening a page: the HTTP error page, 404 for what does not exist or may not be
 *       seen, 403 for what may not be done, 503 when the database is not reachable;</li>
 *   <li>a submit of a form whose view state the server does not know (expired session, or a
 *       forged cross-site post without the token): the page is opened afresh, the action is
 *       not run.</li>
 * </ul>
 * Anything else goes on to the default handling (the 500 page).
 */
public class ServiceExceptionHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(ServiceExceptionHandler.class.getName());

    public ServiceExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
        while (events.hasNext()) {
            Throwable thrown = events.next().getContext().getException();
            Throwable cause = unwrap(thrown);
            try {
                if (handled(faces, thrown, cause)) {
                    events.remove();
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not answer with an error page", e);
            }
        }
        getWrapped().handle();
    }

    private static boolean handled(FacesContext faces, Throwable thrown, Throwable cause) throws IOException {
        ExternalContext external = faces.getExternalContext();
        if (cause instanceof ViewExpiredException expired) {
            external.redirect(external.getRequestContextPath() + expired.getViewId());
            faces.responseComplete();
            return true;
        }
        boolean databaseLost = DatabaseFailure.isConnectionLost(thrown);
        if (databaseLost) {
            LOG.log(Level.WARNING, "Database connection lost during a page request", thrown);
        }
        String message = databaseLost ? DatabaseFailure.MESSAGE : message(cause);
        if (message == null) {
            return false;
        }
        if (faces.isPostback() && !external.isResponseCommitted()) {
            if (cause instanceof InvalidInputException invalid) {
                for (InvalidInputException.FieldError error : invalid.getErrors()) {
                    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, error.field() + ": " + error.message(), null));
                }
            } else {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
            }
            faces.validationFailed();
            faces.renderResponse();
            return true;
        }
        if (external.isResponseCommitted()) {
            return false;
        }
        int status = databaseLost ? 503
                : cause instanceof NotFoundException ? 404
                : cause instanceof AccessDeniedException ? 403
                : cause instanceof ConflictException || cause instanceof OptimisticLockException ? 409
                : 422;
        external.responseSendError(status, message);
        faces.responseComplete();
        return true;
    }

    private static String message(Throwable cause) {
        if (cause instanceof NotFoundException || cause instanceof ConflictException || cause instanceof AccessDeniedException
                || cause instanceof InvalidInputException) {
            return cause.getMessage();
        }
        if (cause instanceof OptimisticLockException) {
            return "Someone else saved this record first; reload the page and apply your change again.";
        }
        return null;
    }

    static Throwable unwrap(Throwable thrown) {
        Throwable e = thrown;
        while ((e instanceof FacesException || e instanceof ELException || e instanceof EJBException
                || e instanceof jakarta.transaction.RollbackException
                || e.getClass().getName().equals("jakarta.transaction.TransactionalException"))
                && e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }
}

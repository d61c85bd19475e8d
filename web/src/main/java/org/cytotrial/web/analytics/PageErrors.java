package org.cytotrial.web.analytics;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessDeniedException;

/**
 * The services' typed exceptions as the pages show them, in one place: a study the user cannot
 * see is the 404 page, a role that may not is the 403 page, bad input and conflicts are
 * messages next to the form. Anything else is left to the error page.
 */
final class PageErrors {

    private PageErrors() {
    }

    /** @return true when the exception was shown (as a message or an error page) */
    static boolean show(RuntimeException thrown) {
        Throwable e = thrown;
        while (e.getCause() != null && !(e instanceof InvalidInputException || e instanceof NotFoundException
                || e instanceof AccessDeniedException || e instanceof ConflictException)) {
            e = e.getCause();
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        if (e instanceof InvalidInputException invalid) {
            for (InvalidInputException.FieldError error : invalid.getErrors()) {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                        error.field() + ": " + error.message(), null));
            }
            faces.validationFailed();
            return true;
        }
        if (e instanceof ConflictException) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            faces.validationFailed();
            return true;
        }
        if (e instanceof NotFoundException || e instanceof AccessDeniedException) {
            ExternalContext external = faces.getExternalContext();
            try {
                external.responseSendError(e instanceof NotFoundException ? 404 : 403, e.getMessage());
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
            faces.responseComplete();
            return true;
        }
        throw thrown;
    }

    static void info(String message) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
    }
}

package org.cytotrial.security;

import jakarta.ejb.ApplicationException;

/** The caller may see this but not do it (HTTP 403), or is not logged in at all (HTTP 401). */
@ApplicationException(rollback = true)
public class AccessDeniedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean authenticated;

    public AccessDeniedException(String message, boolean authenticated) {
        super(message);
        this.authenticated = authenticated;
    }

    public boolean isAuthenticated() {
        return authenticated;
    }
}

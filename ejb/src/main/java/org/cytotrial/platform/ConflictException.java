package org.cytotrial.platform;

import jakarta.ejb.ApplicationException;

/**
 * The write conflicts with the state of the data: someone else saved it first, or it is
 * locked. HTTP 409; nothing was written.
 */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}

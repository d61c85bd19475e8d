package org.cytotrial.platform;

import jakarta.ejb.ApplicationException;

/**
 * What was asked for does not exist, or the caller may not see it: the two look the same from
 * outside (HTTP 404), so that ids cannot be probed.
 */
@ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}

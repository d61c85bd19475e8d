package org.cytotrial.web.security;

import org.cytotrial.security.UserDirectory.Authentication;

/** Carries why the last login on this thread failed, for the login page's message. */
final class LoginFailures {

    private static final ThreadLocal<Authentication> LAST = new ThreadLocal<>();

    private LoginFailures() {}

    static void record(Authentication failure) {
        LAST.set(failure);
    }

    static Authentication takeLast() {
        Authentication failure = LAST.get();
        LAST.remove();
        return failure;
    }
}

package org.cytotrial.web.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Secure cookies outside demo mode unless configured otherwise. */
class SessionCookiePolicyTest {

    @Test
    void secureByDefaultOutsideDemoModeAndConfigurable() {
        assertTrue(SessionCookiePolicy.secure(null, false));
        assertFalse(SessionCookiePolicy.secure(null, true));
        assertFalse(SessionCookiePolicy.secure("false", false));
        assertTrue(SessionCookiePolicy.secure(" true ", true));
        assertTrue(SessionCookiePolicy.secure("", false));
    }
}

package org.cytotrial.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Back-off after failed logins: locked from the fifth failure in a row, each further one doubling the lock. */
class AccountLockoutTest {

    private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    @Test
    void fourFailuresDoNotLockTheFifthDoesAndEachMoreDoublesIt() {
        AppUser user = new AppUser("probe", "Probe");
        for (int i = 1; i < UserDirectory.LOCK_THRESHOLD; i++) {
            user.failedLogin(NOW, UserDirectory.LOCK_THRESHOLD, UserDirectory.LOCK_SECONDS);
            assertFalse(user.isLockedAt(NOW), "after " + i + " failures");
        }
        user.failedLogin(NOW, UserDirectory.LOCK_THRESHOLD, UserDirectory.LOCK_SECONDS);
        assertTrue(user.isLockedAt(NOW));
        assertEquals(NOW.plusSeconds(30), user.getLockedUntil());
        assertFalse(user.isLockedAt(NOW.plusSeconds(30)), "the lock ends by itself");
        user.failedLogin(NOW, UserDirectory.LOCK_THRESHOLD, UserDirectory.LOCK_SECONDS);
        assertEquals(NOW.plusSeconds(60), user.getLockedUntil());
        user.failedLogin(NOW, UserDirectory.LOCK_THRESHOLD, UserDirectory.LOCK_SECONDS);
        assertEquals(NOW.plusSeconds(120), user.getLockedUntil());
        for (int i = 0; i < 20; i++) {
            user.failedLogin(NOW, UserDirectory.LOCK_THRESHOLD, UserDirectory.LOCK_SECONDS);
        }
        assertEquals(NOW.plusSeconds(30L * 1024), user.getLockedUntil(), "the doubling stops at 1024 times");
    }

    @Test
    void aSuccessOrANewPasswordClearsTheCount() {
        AppUser user = new AppUser("probe", "Probe");
        for (int i = 0; i < UserDirectory.LOCK_THRESHOLD; i++) {
            user.failedLogin(NOW, UserDirectory.LOCK_THRESHOLD, UserDirectory.LOCK_SECONDS);
        }
        user.succeededLogin();
        assertEquals(0, user.getFailedLogins());
        assertNull(user.getLockedUntil());
        user.failedLogin(NOW, UserDirectory.LOCK_THRESHOLD, UserDirectory.LOCK_SECONDS);
        user.setPasswordHash("x");
        assertEquals(0, user.getFailedLogins());
    }
}

package org.cytotrial.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = hasher.hash("correct horse battery".toCharArray());
        assertTrue(hash.startsWith("pbkdf2-sha256$1000$"));
        assertTrue(hasher.matches("correct horse battery".toCharArray(), hash));
        assertFalse(hasher.matches("correct horse batterz".toCharArray(), hash));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertNotEquals(hasher.hash("same".toCharArray()), hasher.hash("same".toCharArray()));
    }

    @Test
    void theStoredIterationCountIsUsedSoItCanBeRaisedLater() {
        String old = new PasswordHasher(500).hash("pw".toCharArray());
        assertTrue(hasher.matches("pw".toCharArray(), old));
    }

    @Test
    void malformedHashesNeverMatch() {
        for (String stored : new String[] {null, "", "plain", "pbkdf2-sha256$x$AA$AA", "md5$1$AA$AA", "pbkdf2-sha256$10$%%$AA"}) {
            assertFalse(hasher.matches("pw".toCharArray(), stored), String.valueOf(stored));
        }
    }
}

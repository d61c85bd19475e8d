package org.cytotrial.it.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Data a test needs of its own: a fresh copy of a demo study, a user nobody else logs in as. */
public final class Fixtures {

    public static final String PASSWORD = "probe-password-1234";
    private static final AtomicLong NEXT_ID = new AtomicLong(-(System.currentTimeMillis() % 1_000_000_000L) * 100);

    private Fixtures() {}

    /** Imports a demo study under a new code (as admin) and returns the code. */
    public static String importDemo(String demo, String prefix) {
        String code = It.uniqueCode(prefix);
        Api.Answer answer = Api.as("admin").post("/api/studies?code=" + code, "application/zip", StudyZips.demo(demo));
        if (answer.status() != 201) {
            throw new IllegalStateException("import of " + demo + " as " + code + " failed: " + answer.text());
        }
        return code;
    }

    /**
     * A user written straight into the database (there is no user administration to go through
     * yet), with {@link #PASSWORD} hashed the way the application hashes (PBKDF2, fewer rounds).
     */
    public static String createUser(String prefix, String role, boolean allSites, String... siteCodes) {
        String username = prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        long id = NEXT_ID.decrementAndGet();
        try (Connection c = Database.connect()) {
            try (PreparedStatement s = c.prepareStatement("insert into app_user (id, username, full_name, password_hash,"
                    + " enabled, all_sites, failed_logins, version) values (?, ?, ?, ?, true, ?, 0, 0)")) {
                s.setLong(1, id);
                s.setString(2, username);
                s.setString(3, "Probe " + username);
                s.setString(4, hash(PASSWORD));
                s.setBoolean(5, allSites);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into app_user_role (user_id, role) values (?, ?)")) {
                s.setLong(1, id);
                s.setString(2, role);
                s.executeUpdate();
            }
            for (String site : siteCodes) {
                try (PreparedStatement s = c.prepareStatement(
                        "insert into app_user_site (user_id, site_id) select ?, id from site where code = ?")) {
                    s.setLong(1, id);
                    s.setString(2, site);
                    if (s.executeUpdate() != 1) {
                        throw new IllegalStateException("no site " + site);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return username;
    }

    /** A password hashed the way the application hashes (PBKDF2-SHA256, fewer rounds), for users a test writes itself. */
    public static String hash(String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int rounds = 1000;
        try {
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, rounds, 256)).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            return "pbkdf2-sha256$" + rounds + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Basic credentials as a header value. */
    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

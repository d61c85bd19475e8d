package org.cytotrial.web.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.cytotrial.platform.AppInfo;

/**
 * The session cookie's flags: always HttpOnly (no script reads it) and SameSite=Lax (a
 * cross-site form post does not carry it); Secure (sent over HTTPS only) outside demo mode,
 * because a production installation runs behind HTTPS. {@code -Dcytotrial.cookie.secure=true|false}
 * (or CYTOTRIAL_COOKIE_SECURE) overrides the default, e.g. for an intranet test server on
 * plain HTTP. The demo runs on http://localhost, where a Secure cookie would never come back.
 */
@WebListener
public class SessionCookiePolicy implements ServletContextListener {

    public static final String SECURE_PROPERTY = "cytotrial.cookie.secure";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure(secure(System.getProperty(SECURE_PROPERTY, System.getenv("CYTOTRIAL_COOKIE_SECURE")),
                AppInfo.isDemoMode()));
        cookie.setAttribute("SameSite", "Lax");
    }

    /** Secure unless configured otherwise or in demo mode. */
    static boolean secure(String configured, boolean demo) {
        if (configured != null && !configured.isBlank()) {
            return Boolean.parseBoolean(configured.strip());
        }
        return !demo;
    }
}

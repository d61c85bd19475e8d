package org.cytotrial.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.cytotrial.security.CurrentUser;
import org.cytotrial.platform.DatabaseFailure;
import org.cytotrial.security.UserAccount;
import org.cytotrial.security.UserDirectory;

/**
 * One authentication mechanism for the whole application, over one identity store:
 * <ul>
 *   <li>pages: form login ({@code login.xhtml}); the session remembers the user, and its id is
 *       renewed at login so that a session fixed before login is worthless;</li>
 *   <li>REST ({@code /api/*}): HTTP Basic on every call, never the session cookie, so that a
 *       page a user visits cannot make state-changing API calls on their behalf (CSRF);
 *       unauthenticated calls get 401 with a Basic challenge.</li>
 * </ul>
 * Every request re-reads the account, so a disabled user or a changed role takes effect at once;
 * when the database cannot be reached for that, the answer is a plain 503 saying so.
 */
@ApplicationScoped
public class CytotrialAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(CytotrialAuthenticationMechanism.class.getName());
    static final String SESSION_USER = "cytotrial.user";
    public static final String LOGIN_PAGE = "/login.xhtml";

    @Inject
    private IdentityStoreHandler identityStore;

    @Inject
    private UserDirectory directory;

    @Inject
    private CurrentUser currentUser;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        // here too, so that this mechanism's own 401s and login redirects carry the headers
        SecurityHeaders.apply(request, response);
        try {
            return authenticate(request, response, context);
        } catch (RuntimeException e) {
            if (!DatabaseFailure.isConnectionLost(e)) {
                throw e;
            }
            // the user table cannot be read: say so (503), rather than fail the request obscurely
            LOG.log(Level.WARNING, "Database not reachable while authenticating " + path(request), e);
            databaseUnavailable(request, response);
            return AuthenticationStatus.SEND_FAILURE;
        }
    }

    private static void databaseUnavailable(HttpServletRequest request, HttpServletResponse response) {
        try {
            if (path(request).startsWith("/api/")) {
                response.setStatus(503);
                response.setContentType("application/json;charset=UTF-8");
                response.getWriter().write("{\"status\":503,\"message\":\"" + DatabaseFailure.MESSAGE
                        + "\",\"errors\":[],\"problems\":[],\"total\":null}");
            } else {
                response.sendError(503, DatabaseFailure.MESSAGE);
            }
        } catch (java.io.IOException io) {
            LOG.log(Level.FINE, "Client gone", io);
        }
    }

    private AuthenticationStatus authenticate(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        boolean api = path(request).startsWith("/api/");

        Credential submitted = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && submitted != null) {
            return formLogin(request, context, submitted);
        }

        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basicLogin(authorization.substring(6).trim(), response, context, api);
        }

        if (!api) {
            HttpSession session = request.getSession(false);
            Object username = session == null ? null : session.getAttribute(SESSION_USER);
            if (username instanceof String name) {
                Optional<UserAccount> account = directory.account(name);
                if (account.isPresent()) {
                    currentUser.authenticatedAs(account.get());
                    return context.notifyContainerAboutLogin(name, groups(account.get()));
                }
                session.invalidate();
            }
        }

        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (api) {
            return challenge(response, context);
        }
        String next = path(request) + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return context.redirect(request.getContextPath() + LOGIN_PAGE + "?next="
                + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    private AuthenticationStatus formLogin(HttpServletRequest request, HttpMessageContext context, Credential credential) {
        CredentialValidationResult result = identityStore.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            // no sendError: the login page renders its own message in this same response
            return AuthenticationStatus.SEND_FAILURE;
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            request.changeSessionId();
        }
        request.getSession(true).setAttribute(SESSION_USER, result.getCallerPrincipal().getName());
        return context.notifyContainerAboutLogin(result);
    }

    private AuthenticationStatus basicLogin(String encoded, HttpServletResponse response, HttpMessageContext context,
            boolean api) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return challenge(response, context);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return challenge(response, context);
        }
        CredentialValidationResult result = identityStore.validate(
                new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return challenge(response, context);
        }
        return context.notifyContainerAboutLogin(result);
    }

    private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Cytotrial\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    private static Set<String> groups(UserAccount account) {
        return account.roles().stream().map(Enum::name).collect(Collectors.toSet());
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}

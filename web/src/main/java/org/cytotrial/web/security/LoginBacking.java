package org.cytotrial.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.cytotrial.security.UserDirectory;

/** The login form (login.xhtml) and logout. */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private FacesContext faces;

    private String username;
    private String password;
    private String next;

    public void login() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        AuthenticationStatus status = securityContext.authenticate(request, response, AuthenticationParameters
                .withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(username, new Password(password))));
        password = null;
        switch (status) {
            case SUCCESS -> {
                external.redirect(external.getRequestContextPath() + safeNext());
                faces.responseComplete();
            }
            case SEND_CONTINUE -> faces.responseComplete();
            default -> {
                faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, failureMessage(), null));
            }
        }
    }

    private String failureMessage() {
        UserDirectory.Authentication failure = LoginFailures.takeLast();
        if (failure != null && failure.outcome() == UserDirectory.Outcome.LOCKED && failure.lockedUntil() != null) {
            long seconds = Math.max(1, Duration.between(Instant.now(), failure.lockedUntil()).toSeconds());
            return "Too many failed logins: this account is locked for " + seconds + " more seconds.";
        }
        return "Wrong user name or password.";
    }

    /** Only paths inside the application, so the login page cannot be used to redirect elsewhere. */
    private String safeNext() {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith(CytotrialAuthenticationMechanism.LOGIN_PAGE)) {
            return "/index.xhtml";
        }
        return next;
    }

    public void logout() throws IOException {
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        try {
            request.logout();
        } catch (jakarta.servlet.ServletException e) {
            // the session is dropped below either way
        }
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + CytotrialAuthenticationMechanism.LOGIN_PAGE);
        faces.responseComplete();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}

package org.cytotrial.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * Who the current request acts for, resolved once per request from the authenticated caller.
 * Start-up jobs (schema, demo data) act as the system by calling {@link #actAsSystem()}.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    private SecurityContext securityContext;

    @Inject
    private UserDirectory directory;

    private UserAccount account;
    private boolean resolved;

    public Optional<UserAccount> account() {
        if (!resolved) {
            resolved = true;
            Principal principal = securityContext.getCallerPrincipal();
            if (principal != null) {
                account = directory.account(principal.getName()).orElse(null);
            }
        }
        return Optional.ofNullable(account);
    }

    /**
     * The account the authentication of this very request has just read, so that the request
     * does not read it a second time (every REST call authenticates).
     */
    public void authenticatedAs(UserAccount authenticated) {
        account = authenticated;
        resolved = authenticated != null;
    }

    public void actAsSystem() {
        account = UserAccount.SYSTEM;
        resolved = true;
    }

    public String username() {
        return account().map(UserAccount::username).orElse("anonymous");
    }
}

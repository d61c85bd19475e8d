package org.cytotrial.web.platform;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Optional;
import org.cytotrial.audit.AuditTrailService;
import org.cytotrial.platform.AppInfo;
import org.cytotrial.security.CurrentUser;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserAccount;

/** What the layout shows about the logged-in user and the application. */
@Named("account")
@RequestScoped
public class SessionUserBacking {

    @Inject
    private CurrentUser currentUser;

    @Inject
    private AppInfo app;

    private Optional<UserAccount> account() {
        return currentUser.account();
    }

    public boolean isLoggedIn() {
        return account().isPresent();
    }

    public String getName() {
        return account().map(UserAccount::fullName).orElse("");
    }

    public String getUsername() {
        return account().map(UserAccount::username).orElse("");
    }

    public String getRoles() {
        return account().map(a -> String.join(", ", a.roles().stream().map(Role::name).sorted().toList())).orElse("");
    }

    public boolean isAdmin() {
        return account().map(a -> a.has(Role.ADMIN)).orElse(false);
    }

    /** Whether audit trail links are worth showing: the user holds a role that may read trails. */
    public boolean isMayReadAuditTrail() {
        return account().map(AuditTrailService::mayRead).orElse(false);
    }

    public boolean hasRole(String role) {
        return account().map(a -> a.has(Role.valueOf(role))).orElse(false);
    }

    public String getVersion() {
        return app.version();
    }

    public boolean isDemo() {
        return AppInfo.isDemoMode();
    }
}

package org.cytotrial.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import java.util.stream.Collectors;
import org.cytotrial.security.CurrentUser;
import org.cytotrial.security.UserDirectory;
import org.cytotrial.security.UserDirectory.Authentication;

/** Checks user name and password against the user table; the roles become the caller's groups. */
@ApplicationScoped
public class CytotrialIdentityStore implements IdentityStore {

    /** Request attribute telling the login page why a login failed. */
    public static final String FAILURE_ATTRIBUTE = "cytotrial.login.failure";

    @Inject
    private UserDirectory directory;

    @Inject
    private CurrentUser currentUser;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Authentication result = directory.authenticate(login.getCaller(), login.getPassword().getValue());
        if (result.outcome() == UserDirectory.Outcome.AUTHENTICATED) {
            currentUser.authenticatedAs(result.account());
            Set<String> groups = result.account().roles().stream().map(Enum::name).collect(Collectors.toSet());
            return new CredentialValidationResult(result.account().username(), groups);
        }
        LoginFailures.record(result);
        return CredentialValidationResult.INVALID_RESULT;
    }
}

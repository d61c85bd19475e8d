package org.cytotrial.web.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.cytotrial.security.Role;

/**
 * Applies each endpoint's {@link Allowed} declaration before the resource runs: 401 without
 * authentication, 403 for a role not declared. The services check again (they also serve the
 * pages), so this is the first of two locks; it makes every endpoint answer 401/403 before it
 * looks at its input, whatever order a resource reads things in.
 */
@Provider
public class AllowedRolesFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Allowed allowed = resource.getResourceMethod().getAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(Allowed.class);
        }
        if (allowed != null && !allowed.anonymous()) {
            context.register(new RoleCheck(allowed.value()));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    static final class RoleCheck implements ContainerRequestFilter {
        private final Role[] roles;

        RoleCheck(Role[] roles) {
            this.roles = roles.clone();
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                request.abortWith(Response.status(401).header("WWW-Authenticate", "Basic realm=\"Cytotrial\"")
                        .type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(401, "Log in first")).build());
                return;
            }
            if (Arrays.stream(roles).noneMatch(role -> security.isUserInRole(role.name()))) {
                request.abortWith(Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ApiError.of(403, security.getUserPrincipal().getName() + " may not do this; it needs the role "
                                + Arrays.stream(roles).map(Role::name).collect(Collectors.joining(" or "))))
                        .build());
            }
        }
    }
}

package org.cytotrial.web.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.cytotrial.security.Role;

/**
 * Declares who may call a REST endpoint: the roles, or anyone including anonymous callers.
 *
 * <p>A declaration, not the enforcement: the services enforce access themselves (AccessPolicy,
 * ClinicalWriteGuard), so that a page and an endpoint over the same service cannot disagree.
 * The integration-test access matrix reads this annotation from the built application and
 * checks every endpoint against it as every role and anonymously: a role outside {@link #value}
 * must get 403, anonymous callers 401 (unless {@link #anonymous}), the others neither.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {

    /** The roles that may call it; empty with {@link #anonymous} for open endpoints. */
    Role[] value() default {};

    /** Open to everyone, without authentication (e.g. the health check). */
    boolean anonymous() default false;
}

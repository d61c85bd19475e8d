package org.cytotrial.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cytotrial.audit.AuditContext;
import org.cytotrial.study.Site;

/**
 * The user accounts: authentication with lock-out after repeated failures, and the account
 * snapshot the rest of the application acts on.
 *
 * <p>PBKDF2 is deliberately slow (tens of milliseconds), which REST clients sending HTTP Basic
 * on every call would pay each time; a verified password is therefore remembered for a few
 * minutes as a salted digest (never the password), and forgotten on any failure or change.
 */
@ApplicationScoped
public class UserDirectory {

    /** Failures in a row before the account locks; each further failure doubles the lock. */
    public static final int LOCK_THRESHOLD = 5;
    public static final long LOCK_SECONDS = 30;
    private static final long REMEMBER_SECONDS = 300;

    public enum Outcome {
        AUTHENTICATED,
        INVALID,
        LOCKED,
        DISABLED
    }

    public record Authentication(Outcome outcome, UserAccount account, Instant lockedUntil) {}

    private record Remembered(byte[] fingerprint, Instant until) {}

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    private final PasswordHasher hasher = new PasswordHasher();
    private final byte[] pepper = new SecureRandom().generateSeed(32);
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    void useClock(Clock testClock) {
        this.clock = testClock;
    }

    public Optional<AppUser> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        // roles and sites in the same query: every REST call reads its user
        List<AppUser> users = em.createQuery("select distinct u from AppUser u left join fetch u.roles left join fetch u.sites"
                        + " where u.username = :name", AppUser.class)
                .setParameter("name", username)
                .getResultList();
        return users.stream().findFirst();
    }

    public Optional<UserAccount> account(String username) {
        return find(username).filter(AppUser::isEnabled).map(this::snapshot);
    }

    /**
     * The account as the rest of the application acts on it. Only investigators can be principal
     * investigators, so only their grants are read (one more indexed query).
     */
    private UserAccount snapshot(AppUser user) {
        Set<Long> studies = user.getRoles().contains(Role.INVESTIGATOR)
                ? Set.copyOf(em.createQuery("select p.study.id from PrincipalInvestigator p where p.user = :user", Long.class)
                        .setParameter("user", user).getResultList())
                : Set.of();
        return UserAccount.of(user, studies);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Authentication authenticate(String username, char[] password) {
        Instant now = clock.instant();
        Optional<AppUser> found = find(username);
        if (found.isEmpty()) {
            // spend the same time as a real check, so that user names cannot be probed by timing
            hasher.matches(password, "pbkdf2-sha256$" + PasswordHasher.DEFAULT_ITERATIONS + "$AAAAAAAAAAAAAAAAAAAAAA$AAAA");
            return new Authentication(Outcome.INVALID, null, null);
        }
        AppUser user = found.get();
        if (!user.isEnabled()) {
            return new Authentication(Outcome.DISABLED, null, null);
        }
        if (user.isLockedAt(now)) {
            return new Authentication(Outcome.LOCKED, null, user.getLockedUntil());
        }
        if (isRemembered(username, password, now) || hasher.matches(password, user.getPasswordHash())) {
            if (user.getFailedLogins() > 0) {
                user.succeededLogin();
            }
            remember(username, password, now);
            return new Authentication(Outcome.AUTHENTICATED, snapshot(user), null);
        }
        remembered.remove(username);
        user.failedLogin(now, LOCK_THRESHOLD, LOCK_SECONDS);
        return user.isLockedAt(now)
                ? new Authentication(Outcome.LOCKED, null, user.getLockedUntil())
                : new Authentication(Outcome.INVALID, null, null);
    }

    private boolean isRemembered(String username, char[] password, Instant now) {
        Remembered entry = remembered.get(username);
        return entry != null && entry.until().isAfter(now)
                && MessageDigest.isEqual(entry.fingerprint(), PasswordHasher.fingerprint(username, password, pepper));
    }

    private void remember(String username, char[] password, Instant now) {
        remembered.put(username, new Remembered(PasswordHasher.fingerprint(username, password, pepper),
                now.plusSeconds(REMEMBER_SECONDS)));
    }

    /** Verifies a password without counting failures: for re-authentication at an e-signature. */
    public boolean verifyPassword(String username, char[] password) {
        return find(username).filter(AppUser::isEnabled)
                .map(u -> hasher.matches(password, u.getPasswordHash()))
                .orElse(false);
    }

    @Transactional
    public AppUser createUser(String username, String fullName, char[] password, Collection<Role> roles,
            Collection<Site> sites, boolean allSites) {
        if (find(username).isPresent()) {
            throw new IllegalArgumentException("User " + username + " already exists");
        }
        AppUser user = new AppUser(username, fullName);
        if (password != null) {
            checkPasswordStrength(password);
            user.setPasswordHash(hasher.hash(password));
        }
        roles.forEach(user::grant);
        sites.forEach(user::assignSite);
        user.seeAllSites(allSites);
        em.persist(user);
        return user;
    }

    @Transactional
    public void changePassword(String username, char[] newPassword) {
        checkPasswordStrength(newPassword);
        AppUser user = find(username).orElseThrow(() -> new IllegalArgumentException("No user " + username));
        AuditContext.current().setReason("Password changed");
        user.setPasswordHash(hasher.hash(newPassword));
        remembered.remove(username);
    }

    public static void checkPasswordStrength(char[] password) {
        if (password.length < 12) {
            throw new IllegalArgumentException("A password needs at least 12 characters");
        }
    }

    public boolean anyAdministrator() {
        return em.createQuery("select count(u) from AppUser u join u.roles r where r = :role", Long.class)
                .setParameter("role", Role.ADMIN)
                .getSingleResult() > 0;
    }

    public List<AppUser> all() {
        return em.createQuery("select u from AppUser u order by u.username", AppUser.class).getResultList();
    }
}

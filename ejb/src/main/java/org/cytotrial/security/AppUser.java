package org.cytotrial.security;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.cytotrial.study.Site;
import org.hibernate.envers.Audited;
import org.hibernate.envers.NotAudited;

/**
 * A person who logs in: roles, and the sites whose subjects they may see (or all sites of every
 * study, {@code allSites}, for sponsors and administrators). A principal investigator is named
 * per study ({@code org.cytotrial.study.PrincipalInvestigator}), not here. Repeated failed logins
 * lock the account for a while.
 */
@Entity
@Table(name = "app_user")
@Audited
public class AppUser {

    @Id
    @GeneratedValue(generator = "app_user_seq")
    @SequenceGenerator(name = "app_user_seq", sequenceName = "app_user_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 60)
    private String username;

    @Column(nullable = false, length = 200)
    private String fullName;

    /** Never audited: the audit trail must not become a store of password hashes. */
    @NotAudited
    @Column(length = 200)
    private String passwordHash;

    private boolean enabled = true;

    /** Sees every site of every study: for sponsors and administrators, not for principal investigators. */
    private boolean allSites;

    @NotAudited
    private int failedLogins;

    @NotAudited
    private Instant lockedUntil;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "user_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", length = 20)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "app_user_site", joinColumns = @JoinColumn(name = "user_id"),
            inverseJoinColumns = @JoinColumn(name = "site_id"))
    private Set<Site> sites = new LinkedHashSet<>();

    @Version
    private long version;

    protected AppUser() {}

    public AppUser(String username, String fullName) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{2,60}")) {
            throw new IllegalArgumentException(
                    "A user name is 2 to 60 letters, digits, dots, underscores, @ or hyphens");
        }
        this.username = username;
        this.fullName = Objects.requireNonNull(fullName);
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getFullName() {
        return fullName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isAllSites() {
        return allSites;
    }

    public int getFailedLogins() {
        return failedLogins;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public Set<Role> getRoles() {
        return Collections.unmodifiableSet(roles);
    }

    public Set<Site> getSites() {
        return Collections.unmodifiableSet(sites);
    }

    public long getVersion() {
        return version;
    }

    public void setPasswordHash(String hash) {
        this.passwordHash = hash;
        this.failedLogins = 0;
        this.lockedUntil = null;
    }

    public void grant(Role role) {
        roles.add(Objects.requireNonNull(role));
    }

    public void revoke(Role role) {
        roles.remove(role);
    }

    public void assignSite(Site site) {
        sites.add(Objects.requireNonNull(site));
    }

    public void removeSite(Site site) {
        sites.remove(site);
    }

    public void seeAllSites(boolean all) {
        this.allSites = all;
    }

    public void enable(boolean on) {
        this.enabled = on;
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Counts a failed login; from the given threshold on, each failure doubles the lock-out. */
    void failedLogin(Instant now, int threshold, long baseLockSeconds) {
        failedLogins++;
        if (failedLogins >= threshold) {
            long factor = 1L << Math.min(10, failedLogins - threshold);
            lockedUntil = now.plusSeconds(baseLockSeconds * factor);
        }
    }

    void succeededLogin() {
        failedLogins = 0;
        lockedUntil = null;
    }
}

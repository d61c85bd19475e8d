package org.cytotrial.audit;

/**
 * Who is changing data, from where and why, for the thread doing the change. The web layer
 * sets the user and client address per request; services set the reason for change before
 * they write; the Envers listener reads it when it opens a revision.
 *
 * <p>A thread-local rather than a CDI bean because revisions are also written at start-up
 * (demo data) and in bulk imports, where no request scope exists.
 */
public final class AuditContext {

    public static final String SYSTEM_USER = "system";

    private static final ThreadLocal<AuditContext> CURRENT = ThreadLocal.withInitial(AuditContext::new);

    private String username = SYSTEM_USER;
    private String clientAddress;
    private String reason;
    private String suppliedReason;

    private AuditContext() {}

    public static AuditContext current() {
        return CURRENT.get();
    }

    /** Starts a fresh context for a request or a job. */
    public static AuditContext begin(String username, String clientAddress) {
        AuditContext context = new AuditContext();
        context.username = username == null ? SYSTEM_USER : username;
        context.clientAddress = clientAddress;
        CURRENT.set(context);
        return context;
    }

    public static void end() {
        CURRENT.remove();
    }

    public String username() {
        return username;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String reason() {
        return reason;
    }

    public void setReason(String why) {
        this.reason = why;
    }

    /**
     * The reason for change the client sent with the request as a whole (REST: the
     * {@code X-Change-Reason} header or a {@code reason} field of the JSON body), which
     * {@link ChangeReason#require} uses when the service was not handed one explicitly.
     */
    public String suppliedReason() {
        return suppliedReason;
    }

    public void supplyReason(String why) {
        this.suppliedReason = why;
    }
}

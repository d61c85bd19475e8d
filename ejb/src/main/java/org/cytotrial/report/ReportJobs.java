package org.cytotrial.report;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.CurrentUser;
import org.cytotrial.security.UserAccount;

/**
 * Excel reports generated in the background, so that the reports page can show progress for a
 * long run instead of a browser waiting on one request. At most {@value #CONCURRENT} run at once
 * (a report of a large study keeps a core busy); the others queue. A finished file is kept for
 * its owner for {@link #KEEP}, then deleted.
 */
@ApplicationScoped
public class ReportJobs {

    static final int CONCURRENT = 2;
    static final Duration KEEP = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(ReportJobs.class.getName());

    @Resource
    private ManagedExecutorService executor;

    @Inject
    private ReportService reports;

    @Inject
    private AccessPolicy access;

    /** One controller per job: a controller is a dependent object with the state of the thread that uses it. */
    @Inject
    private Instance<RequestContextController> requestContexts;

    @Inject
    private CurrentUser currentUser;

    private final Map<String, ReportJob> jobs = new ConcurrentHashMap<>();
    private final Semaphore slots = new Semaphore(CONCURRENT, true);

    /** Starts the report of a scope (built by {@link ReportService#scope} for the current user). */
    public ReportJob start(ReportScope scope) {
        UserAccount account = access.requireUser();
        String owner = account.username();
        if (!owner.equals(scope.requestedBy())) {
            throw new IllegalArgumentException("A report scope belongs to the user who made it");
        }
        removeExpired();
        Path file;
        try {
            file = Files.createTempFile("cytotrial-report-", ".xlsx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReportJob job = new ReportJob(UUID.randomUUID().toString(), owner, scope, file);
        jobs.put(job.id(), job);
        executor.execute(() -> runAs(account, job));
        return job;
    }

    /**
     * Runs the job as its owner: a request context of its own in the worker thread, acting for
     * the user who started it, so that services that check access while the report is written
     * (the audit trail sheet) see that user, as they would in the request.
     */
    private void runAs(UserAccount owner, ReportJob job) {
        RequestContextController requestContext = requestContexts.get();
        boolean activated = requestContext.activate();
        try {
            currentUser.authenticatedAs(owner);
            run(job);
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
            requestContexts.destroy(requestContext);
        }
    }

    private void run(ReportJob job) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.failed("The server is shutting down");
            return;
        }
        try (OutputStream out = Files.newOutputStream(job.file())) {
            job.running();
            reports.writeWorkbook(job.scope(), out, job.progress());
            job.done();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Report " + job.id() + " of " + job.scope().studyCode() + " failed", e);
            job.failed("The report could not be made: " + e.getMessage());
            delete(job.file());
        } finally {
            slots.release();
        }
    }

    /** The current user's job; empty for anyone else's (as if it did not exist). */
    public Optional<ReportJob> find(String id) {
        String user = access.requireUser().username();
        return Optional.ofNullable(id == null ? null : jobs.get(id)).filter(j -> j.owner().equals(user));
    }

    private void removeExpired() {
        Instant limit = Instant.now().minus(KEEP);
        jobs.values().removeIf(job -> {
            boolean expired = job.isFinished() && job.finished().isBefore(limit);
            if (expired) {
                delete(job.file());
            }
            return expired;
        });
    }

    @PreDestroy
    void deleteFiles() {
        jobs.values().forEach(job -> delete(job.file()));
        jobs.clear();
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + file, e);
        }
    }
}

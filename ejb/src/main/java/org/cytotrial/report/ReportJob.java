package org.cytotrial.report;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One Excel report generated in the background for the reports page: its progress while it
 * runs, then the finished file (kept for its owner to download) or what went wrong.
 */
public final class ReportJob {

    /** Where a job is. */
    public enum State { QUEUED, RUNNING, DONE, FAILED }

    private final String id;
    private final String owner;
    private final ReportScope scope;
    private final Path file;
    private final Instant created = Instant.now();
    private final ReportProgress progress = new ReportProgress();
    private volatile State state = State.QUEUED;
    private volatile String error;
    private volatile Instant finished;

    ReportJob(String id, String owner, ReportScope scope, Path file) {
        this.id = id;
        this.owner = owner;
        this.scope = scope;
        this.file = file;
    }

    public String id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public ReportScope scope() {
        return scope;
    }

    public ReportProgress progress() {
        return progress;
    }

    public State state() {
        return state;
    }

    public String error() {
        return error;
    }

    public Instant created() {
        return created;
    }

    public Instant finished() {
        return finished;
    }

    /** The finished workbook; only meaningful once {@link #state()} is DONE. */
    public Path file() {
        return file;
    }

    public String fileName() {
        return scope.fileStem() + "-report.xlsx";
    }

    public boolean isFinished() {
        return state == State.DONE || state == State.FAILED;
    }

    void running() {
        state = State.RUNNING;
    }

    void done() {
        finished = Instant.now();
        state = State.DONE;
    }

    void failed(String message) {
        error = message;
        finished = Instant.now();
        state = State.FAILED;
    }
}

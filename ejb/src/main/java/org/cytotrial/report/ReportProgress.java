package org.cytotrial.report;

/**
 * How far a report has got, for the progress bar of a long run: a step name and a percentage.
 * Written by the thread generating the report, read by the page polling it.
 */
public final class ReportProgress {

    private volatile String step = "Waiting";
    private volatile int from;
    private volatile int to;
    private volatile long total;
    private volatile long done;

    /** Starts a step that covers [from, to] percent of the whole run and has {@code total} units. */
    public void step(String name, int fromPercent, int toPercent, long totalUnits) {
        this.step = name;
        this.from = fromPercent;
        this.to = toPercent;
        this.total = totalUnits;
        this.done = 0;
    }

    public void advance(long units) {
        done += units;
    }

    public void finished() {
        step("Done", 100, 100, 0);
    }

    public String step() {
        return step;
    }

    public int percent() {
        long t = total;
        long d = Math.min(done, t);
        return t <= 0 ? from : (int) (from + (to - from) * d / t);
    }

    public long done() {
        return done;
    }

    public long total() {
        return total;
    }
}

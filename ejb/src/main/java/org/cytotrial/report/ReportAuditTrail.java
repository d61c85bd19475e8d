package org.cytotrial.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.cytotrial.audit.AuditEntry;
import org.cytotrial.audit.AuditFilter;

/**
 * The part of a study's audit trail an Excel report shows in its optional audit trail sheet
 * (administrators only), and the rules that choose it from the report's filters:
 * <ul>
 *   <li><b>time</b>: changes recorded up to the end (24:00 UTC) of the data cut-off day, or up to
 *       the moment the report was generated without a cut-off (so a change saved while the report
 *       is written does not appear in half of it). The cut-off of the clinical data is a date of
 *       the data (visit, onset, ...); for the trail it can only be the date of recording;</li>
 *   <li><b>arms and sites</b>: when the report is narrowed to some arms or sites, the records of
 *       the subjects in them, and the records that belong to no subject (study set-up: study,
 *       trial parameters, arms, visit schedule, sites, study-wide locks); unfiltered, everything.</li>
 * </ul>
 * The entries come oldest first from a {@link Source}, in production
 * {@code AuditTrailService.stream}, which streams them from the audit tables.
 */
public final class ReportAuditTrail {

    /** Streams the audit trail entries of the report's study that pass the filter, oldest first. */
    @FunctionalInterface
    public interface Source {
        void stream(AuditFilter filter, Consumer<AuditEntry> consumer);
    }

    private final Instant until;
    private final LocalDate cutoff;
    private final Set<String> subjects;
    private final Source source;

    /**
     * @param subjectsInScope the USUBJIDs of the subjects in the report's arms and sites, or null
     *                        when the report covers every subject of the study
     */
    public ReportAuditTrail(ReportScope scope, Instant generatedAt, Set<String> subjectsInScope, Source source) {
        this.cutoff = scope.cutoff();
        this.until = until(scope.cutoff(), generatedAt);
        this.subjects = subjectsInScope == null ? null : Set.copyOf(subjectsInScope);
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The end (exclusive) of the recording times shown: the end of the cut-off day (UTC), at most the generation time. */
    public static Instant until(LocalDate cutoff, Instant generatedAt) {
        if (cutoff == null) {
            return generatedAt;
        }
        Instant endOfCutoffDay = cutoff.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return endOfCutoffDay.isBefore(generatedAt) ? endOfCutoffDay : generatedAt;
    }

    public Instant until() {
        return until;
    }

    /** What is asked of the audit trail: every entry recorded before {@link #until}. */
    public AuditFilter filter() {
        return new AuditFilter(null, until, null, false, null, null);
    }

    /** Whether an entry belongs to the report's subjects (or to no subject at all). */
    public boolean includes(AuditEntry entry) {
        return subjects == null || entry.subject() == null || subjects.contains(entry.subject());
    }

    /** Every entry shown, oldest first. */
    public void forEach(Consumer<AuditEntry> consumer) {
        source.stream(filter(), entry -> {
            if (includes(entry)) {
                consumer.accept(entry);
            }
        });
    }

    /** The rule in words, for the About sheet. */
    public String coverage() {
        String time = cutoff == null ? "changes recorded up to the time the report was generated (" + until + ")"
                : "changes recorded up to the end of the data cut-off day, before " + until
                        + " (the trail is cut off by the time of recording, the clinical data by their own dates)";
        String who = subjects == null ? "every record of the study"
                : "the records of the subjects in the chosen arms and sites and the study's set-up records";
        return time + "; " + who + ". One row per changed field, oldest first. Not pseudonymised: it names users and"
                + " shows values as recorded, free text included.";
    }
}

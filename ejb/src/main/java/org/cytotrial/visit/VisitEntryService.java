package org.cytotrial.visit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cytotrial.audit.AuditEntry;
import org.cytotrial.audit.AuditTrailService;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.marker.LabEntryWriter;
import org.cytotrial.marker.MarkerPanel;
import org.cytotrial.platform.FieldChange;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.response.ResponseEntryWriter;
import org.cytotrial.response.TumourEntryWriter;
import org.cytotrial.security.AccessDeniedException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserAccount;
import org.cytotrial.study.Study;
import org.cytotrial.study.VisitDefinition;
import org.cytotrial.subject.Subject;
import org.cytotrial.subject.SubjectService;

/**
 * Saves a visit's entry form (the visit's date or its being missed, its results, the tumour
 * assessment and the investigator's response) as one transaction: everything is checked first,
 * every problem reported together, and only a save that passes writes anything.
 *
 * <p>Concurrency: the subject is locked for the save, and the visit's version must be the one
 * the user read. A save against a stale version is refused with what differs between the
 * stored visit and the submitted one, and who saved it last: never a silent overwrite.
 *
 * <p>Roles: coordinators record everything; investigators record only their response.
 */
@ApplicationScoped
@Transactional
public class VisitEntryService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private SubjectService subjects;

    @Inject
    private VisitEntryReader reader;

    @Inject
    private LabEntryWriter labs;

    @Inject
    private TumourEntryWriter tumours;

    @Inject
    private ResponseEntryWriter responses;

    @Inject
    private MarkerPanel panel;

    @Inject
    private AccessPolicy access;

    @Inject
    private AuditTrailService audit;

    /** At most this many changed fields are listed with a conflict; a longer story is in the visit's audit trail. */
    static final int MAX_CHANGES_SINCE = 200;

    private Clock clock = Clock.systemDefaultZone();

    void useClock(Clock testClock) {
        this.clock = testClock;
    }

    /** What a save leaves: the visit's new version, and who saved it when. */
    public record Saved(String usubjid, BigDecimal visitnum, long version, String recordedBy, Instant recordedAt) {}

    /** Saves and answers with the whole form as stored now. */
    public VisitEntryView save(String studyCode, String usubjid, BigDecimal number, VisitEntry entry) {
        Visit visit = record(studyCode, usubjid, number, entry);
        return reader.view(visit.getSubject(), number);
    }

    /** Saves and answers with the new version only (for clients that keep their own copy of the form). */
    public Saved saveBriefly(String studyCode, String usubjid, BigDecimal number, VisitEntry entry) {
        Visit visit = record(studyCode, usubjid, number, entry);
        return new Saved(usubjid, VisitNumbers.plain(number), visit.getVersion(), visit.getRecordedBy(), visit.getRecordedAt());
    }

    private Visit record(String studyCode, String usubjid, BigDecimal number, VisitEntry entry) {
        Subject subject = subjects.lockForWrite(studyCode, usubjid, Role.COORDINATOR, Role.INVESTIGATOR);
        UserAccount user = access.requireUser();
        Study study = subject.getStudy();
        VisitDefinition definition = reader.definition(study, number);
        Visit visit = reader.visit(subject, number);
        String visitLabel = VisitNumbers.text(number);
        if (definition == null && visit == null) {
            throw new NotFoundException("Visit " + visitLabel + " is not in the schedule of study " + study.getCode());
        }

        FieldErrors errors = new FieldErrors();
        LocalDate today = LocalDate.now(clock);
        VisitStatus status = entry.status() != null ? entry.status()
                : entry.date() != null || visit == null ? VisitStatus.DONE : visit.getStatus();
        LocalDate date = null;
        if (status == VisitStatus.PLANNED) {
            errors.add("status", "a visit is recorded as DONE (with its date) or MISSED");
        } else if (status == VisitStatus.DONE) {
            date = entry.date() != null ? entry.date() : visit == null ? null : visit.getVisitDate();
            if (date == null) {
                errors.add("date", "the date the visit took place is required (yyyy-MM-dd)");
            } else if (date.isAfter(today)) {
                errors.add("date", "the visit date " + date + " is in the future; today is " + today);
            } else if (subject.getConsentDate() != null && date.isBefore(subject.getConsentDate())) {
                errors.add("date", "the visit date " + date + " is before informed consent on " + subject.getConsentDate()
                        + "; no study visit can precede consent");
            }
        } else if (status == VisitStatus.MISSED) {
            if (entry.date() != null) {
                errors.add("date", "a missed visit has no date; leave it empty or record the visit as DONE");
            }
            if (entry.carriesData()) {
                errors.add("status", "a missed visit carries no results, lesions or response; record it as DONE instead");
            } else if (visit != null && visit.getStatus() == VisitStatus.DONE && hasData(visit)) {
                errors.add("status", "data is recorded at this visit; remove it before recording the visit as missed");
            }
        }

        LabEntryWriter.Plan labPlan = entry.results() == null ? null : labs.plan(visit, entry.results(), errors);
        TumourEntryWriter.Plan tumourPlan = entry.lesions() == null ? null
                : tumours.plan(subject, visit, date, entry.lesions(), errors);
        ResponseEntryWriter.Plan responsePlan = entry.response() == null ? null : responses.plan(visit, entry.response());

        List<FieldChange> changes = new ArrayList<>();
        boolean visitChanges = visit == null || visit.getStatus() != status || !Objects.equals(visit.getVisitDate(), date);
        if (visit != null && visit.getStatus() != status) {
            changes.add(new FieldChange("status", visit.getStatus().name(), status == null ? null : status.name()));
        }
        if (visit != null && !Objects.equals(visit.getVisitDate(), date)) {
            changes.add(new FieldChange("date", Objects.toString(visit.getVisitDate(), null), Objects.toString(date, null)));
        }
        boolean changesExisting = visit != null && visit.getStatus() != VisitStatus.PLANNED && visitChanges;
        if (labPlan != null) {
            changes.addAll(labPlan.changes());
            changesExisting |= labPlan.changesExisting();
        }
        if (tumourPlan != null) {
            changes.addAll(tumourPlan.changes());
            changesExisting |= tumourPlan.changesExisting();
        }
        if (responsePlan != null) {
            changes.addAll(responsePlan.changes());
            changesExisting |= responsePlan.changesExisting();
        }

        if (visit != null && (entry.version() == null || entry.version() != visit.getVersion())) {
            throw conflict(subject, visit, visitLabel, entry.version(), changes, changedSince(visit, entry.version()));
        }
        boolean coordinatorWrites = visitChanges || (labPlan != null && labPlan.writes())
                || (tumourPlan != null && tumourPlan.writes());
        if (coordinatorWrites && !user.has(Role.COORDINATOR)) {
            throw new AccessDeniedException(user.username() + " may record the investigator's response only; the visit, its"
                    + " results and lesions are recorded by a coordinator", true);
        }
        if (entry.response() != null && status != VisitStatus.DONE) {
            errors.add("response", "a response is assessed at a visit that took place");
        }
        if (changesExisting && (entry.reason() == null || entry.reason().isBlank())) {
            errors.add("reason", "a reason for change is required when recorded data is changed (e.g. 'transcription error')");
        }
        errors.throwIfAny();
        boolean writes = coordinatorWrites || (responsePlan != null && responsePlan.writes());
        if (!writes) {
            // nothing differs from what is stored: no revision, and the version stays, so nobody
            // else's open form becomes stale
            return visit;
        }
        ChangeReason.require(entry.reason(), changesExisting);

        LocalDate previousDate = visit == null ? null : visit.getVisitDate();
        if (visit == null) {
            visit = new Visit(subject, number, definition.getName());
            em.persist(visit);
        }
        if (status == VisitStatus.DONE) {
            visit.performedOn(date);
        } else {
            visit.missed();
        }
        visit.recordEntry(user.username(), Instant.now(clock));
        boolean moved = previousDate != null && date != null && !previousDate.equals(date);
        if (labPlan == null && moved) {
            labPlan = labs.plan(visit, List.of(), errors);
        }
        if (tumourPlan == null && moved) {
            tumourPlan = tumours.plan(subject, visit, date, List.of(), errors);
        }
        if (responsePlan == null && moved) {
            responsePlan = responses.plan(visit, null);
        }
        if (labPlan != null) {
            labs.apply(labPlan, visit, date, previousDate);
            panel.noteEntered(study, labPlan.enteredTests());
        }
        if (tumourPlan != null) {
            tumours.apply(tumourPlan, visit, date, previousDate);
        }
        if (responsePlan != null) {
            responses.apply(responsePlan, visit, date, previousDate);
        }
        em.flush();
        return visit;
    }

    private boolean hasData(Visit visit) {
        return em.createQuery("select count(r) from LabResult r where r.visit = :v", Long.class).setParameter("v", visit)
                .getSingleResult() > 0
                || em.createQuery("select count(m) from LesionMeasurement m where m.visit = :v", Long.class)
                        .setParameter("v", visit).getSingleResult() > 0
                || em.createQuery("select count(r) from ResponseAssessment r where r.visit = :v", Long.class)
                        .setParameter("v", visit).getSingleResult() > 0;
    }

    /**
     * What others changed since the version the caller read, field by field from the audit trail.
     * Who saved the visit and when is said by each line, so the visit's own bookkeeping fields
     * are left out.
     */
    private List<ChangeSince> changedSince(Visit visit, Long yourVersion) {
        List<ChangeSince> lines = new ArrayList<>();
        for (AuditEntry entry : audit.visitChangesSince(visit.getId(), yourVersion, MAX_CHANGES_SINCE)) {
            String record = entry.item() == null ? entry.entity() : entry.entity() + " " + entry.item();
            boolean ofVisit = entry.entity().equals("Visit");
            for (AuditEntry.FieldChange change : entry.changes()) {
                if (ofVisit && (change.field().equals("recorded by") || change.field().equals("recorded at"))) {
                    continue;
                }
                if (lines.size() < MAX_CHANGES_SINCE) {
                    lines.add(new ChangeSince(entry.username(), entry.recordedAt(), entry.reason(), record, entry.action().name(),
                            change.field(), change.oldValue(), change.newValue()));
                }
            }
        }
        return lines;
    }

    private static EntryConflictException conflict(Subject subject, Visit visit, String visitLabel, Long yourVersion,
            List<FieldChange> changes, List<ChangeSince> changedSince) {
        String who = visit.getRecordedBy() == null ? "the import" : visit.getRecordedBy();
        String when = visit.getRecordedAt() == null ? "" : " at " + visit.getRecordedAt();
        String message = yourVersion == null
                ? "Visit " + visitLabel + " of " + subject.getUsubjid() + " has meanwhile been recorded by " + who + when
                        + "; nothing of yours was saved. Compare, reload the visit and enter your changes again."
                : "Visit " + visitLabel + " of " + subject.getUsubjid() + " was saved by " + who + when
                        + " after you opened it (your version " + yourVersion + ", now " + visit.getVersion()
                        + "); nothing of yours was saved. Compare, reload the visit and enter your changes again.";
        return new EntryConflictException(message, changes, changedSince, visit.getRecordedBy(), visit.getRecordedAt(),
                visit.getVersion());
    }
}

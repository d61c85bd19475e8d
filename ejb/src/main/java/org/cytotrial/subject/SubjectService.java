package org.cytotrial.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.ClinicalWriteGuard;
import org.cytotrial.security.Role;

/**
 * Finding one subject as the current user may see it, taking the subject's write lock, and
 * correcting what enrolment recorded (demographics, consent) or recording the first dose.
 *
 * <p>Every write to a subject's data takes a row lock on the subject first, and checks for data
 * locks only under it: the writes of one subject are serialised (sequence numbers, visit
 * creation, version checks stay exact), those of different subjects run side by side, and a data
 * lock placed meanwhile waits for them (see {@link org.cytotrial.lock.RowLocks}).
 */
@ApplicationScoped
@Transactional
public class SubjectService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private ClinicalWriteGuard guard;

    private Clock clock = Clock.systemDefaultZone();

    void useClock(Clock testClock) {
        this.clock = testClock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The subject with its study, site and arm; 404 when missing or not visible. */
    public Subject requireVisible(String studyCode, String usubjid) {
        Subject subject = find(studyCode, usubjid);
        guard.requireVisible(subject);
        return subject;
    }

    /**
     * The subject, locked for writing: visible (else 404), the user holds one of the roles (else
     * 403), then the subject's row lock, then open — study, site and subject not locked (else
     * 409), as committed once the row lock is held ({@link ClinicalWriteGuard#lockForWrite(Subject, Role...)}).
     */
    public Subject lockForWrite(String studyCode, String usubjid, Role... roles) {
        Subject subject = find(studyCode, usubjid);
        guard.lockForWrite(subject, roles);
        return subject;
    }

    private Subject find(String studyCode, String usubjid) {
        return em.createQuery("select s from Subject s join fetch s.study join fetch s.site left join fetch s.arm"
                        + " where s.study.code = :code and s.usubjid = :usubjid", Subject.class)
                .setParameter("code", studyCode)
                .setParameter("usubjid", usubjid)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No subject " + usubjid + " in study " + studyCode));
    }

    /**
     * The date the subject left the study: death, or the first disposition event (progression,
     * withdrawal, completion, ...); null while on study.
     */
    public LocalDate offStudyDate(Subject subject) {
        LocalDate disposition = em.createQuery("select min(d.eventDate) from DispositionEvent d where d.subject = :subject",
                        LocalDate.class)
                .setParameter("subject", subject)
                .getSingleResult();
        LocalDate death = subject.getDeathDate();
        if (death == null) {
            return disposition;
        }
        return disposition == null || death.isBefore(disposition) ? death : disposition;
    }

    /** Corrections of what enrolment recorded, and the first dose. */
    public record SubjectChange(Long version, LocalDate consentDate, LocalDate firstDoseDate, Sex sex, Integer age,
            String reason) {}

    /**
     * Applies the given (non-null) fields. Recording the first dose for the first time needs no
     * reason; changing anything already recorded does.
     */
    public Subject update(String studyCode, String usubjid, SubjectChange change) {
        Subject subject = lockForWrite(studyCode, usubjid, Role.COORDINATOR);
        if (change.version() == null) {
            throw new org.cytotrial.platform.InvalidInputException("version",
                    "the version of the subject you changed is required (read it first); it protects against overwriting"
                            + " someone else's change");
        }
        if (change.version() != subject.getVersion()) {
            throw new ConflictException("Subject " + usubjid + " was changed by someone else since you read it (version "
                    + change.version() + ", now " + subject.getVersion() + "); reload it and apply your change again");
        }
        FieldErrors errors = new FieldErrors();
        LocalDate today = today();
        LocalDate consent = change.consentDate() != null ? change.consentDate() : subject.getConsentDate();
        if (change.consentDate() != null && change.consentDate().isAfter(today)) {
            errors.add("consentDate", "consent on " + change.consentDate() + " is in the future; today is " + today);
        }
        LocalDate firstDose = change.firstDoseDate() != null ? change.firstDoseDate() : subject.getFirstDoseDate();
        if (change.firstDoseDate() != null && change.firstDoseDate().isAfter(today)) {
            errors.add("firstDoseDate", "the first dose on " + change.firstDoseDate() + " is in the future; today is " + today);
        }
        if (consent != null && firstDose != null && firstDose.isBefore(consent)) {
            errors.add(change.firstDoseDate() != null ? "firstDoseDate" : "consentDate",
                    "the first dose (" + firstDose + ") cannot come before informed consent (" + consent + ")");
        }
        if (firstDose != null && subject.getDeathDate() != null && subject.getDeathDate().isBefore(firstDose)) {
            errors.add("firstDoseDate", "the first dose (" + firstDose + ") cannot come after the recorded death ("
                    + subject.getDeathDate() + ")");
        }
        if (change.age() != null && (change.age() < 0 || change.age() > 130)) {
            errors.add("age", "age " + change.age() + " is outside 0–130 years");
        }
        boolean changesExisting = changes(subject.getConsentDate(), change.consentDate())
                || changes(subject.getFirstDoseDate(), change.firstDoseDate())
                || changes(subject.getSex(), change.sex())
                || changes(subject.getAge(), change.age());
        if (changesExisting && (change.reason() == null || change.reason().isBlank())) {
            errors.add("reason", "a reason for change is required when recorded data is changed (e.g. 'transcription error')");
        }
        errors.throwIfAny();
        ChangeReason.require(change.reason(), changesExisting);
        if (change.consentDate() != null || change.firstDoseDate() != null) {
            // order matters for the entity's own consent-before-dose check
            subject.recordFirstDose(null);
            subject.recordConsent(consent);
            subject.recordFirstDose(firstDose);
        }
        if (change.sex() != null || change.age() != null) {
            subject.identify(subject.getSubjid(), change.age() != null ? change.age() : subject.getAge(),
                    change.age() != null ? "YEARS" : subject.getAgeUnit(),
                    change.sex() != null ? change.sex() : subject.getSex(), subject.getCountry());
        }
        em.flush();
        return subject;
    }

    private static boolean changes(Object current, Object proposed) {
        return current != null && proposed != null && !current.equals(proposed);
    }
}

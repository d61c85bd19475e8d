package org.cytotrial.safety;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;
import org.cytotrial.subject.Subject;
import org.cytotrial.subject.SubjectService;

/**
 * A subject's adverse events as a coordinator records them: the term as reported, CTCAE grade
 * 1–5, serious, related to the study treatment, start and end. New events get the subject's next
 * AESEQ; a correction needs the version read and a reason.
 */
@ApplicationScoped
@Transactional
public class AdverseEventService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private SubjectService subjects;

    @Inject
    private AccessPolicy access;

    private Clock clock = Clock.systemDefaultZone();

    void useClock(Clock testClock) {
        this.clock = testClock;
    }

    /** An adverse event as entered; {@code version} and {@code reason} matter for a correction. */
    public record Entry(String term, String decodedTerm, Integer grade, Boolean serious, Boolean related, LocalDate start,
            LocalDate end, Long version, String reason) {}

    public record View(int seq, String term, String decodedTerm, int grade, boolean serious, boolean related, LocalDate start,
            LocalDate end, long version) {
        /** For sponsors: the verbatim term is free text that may identify; the coded term replaces it. */
        View pseudonymised() {
            return new View(seq, decodedTerm == null ? "[not coded]" : decodedTerm, decodedTerm, grade, serious, related, start,
                    end, version);
        }

        static View of(AdverseEvent e) {
            return new View(e.getSeq() == null ? 0 : e.getSeq(), e.getTerm(), e.getDecodedTerm(), e.getGrade(), e.isSerious(),
                    e.isRelated(), e.getStartDate(), e.getEndDate(), e.getVersion());
        }
    }

    public List<View> list(String studyCode, String usubjid) {
        Subject subject = subjects.requireVisible(studyCode, usubjid);
        boolean pseudonymised = access.requireUser().isPseudonymised();
        return events(subject).stream().map(View::of).map(v -> pseudonymised ? v.pseudonymised() : v).toList();
    }

    private List<AdverseEvent> events(Subject subject) {
        return em.createQuery("select e from AdverseEvent e where e.subject = :subject order by e.startDate, e.seq, e.id",
                AdverseEvent.class).setParameter("subject", subject).getResultList();
    }

    public View record(String studyCode, String usubjid, Entry entry) {
        Subject subject = subjects.lockForWrite(studyCode, usubjid, Role.COORDINATOR);
        FieldErrors errors = check(subject, entry);
        errors.throwIfAny();
        ChangeReason.require(entry.reason(), false);
        Integer max = em.createQuery("select max(e.seq) from AdverseEvent e where e.subject = :subject", Integer.class)
                .setParameter("subject", subject).getSingleResult();
        AdverseEvent event = new AdverseEvent(subject, max == null ? 1 : max + 1, entry.term().strip(), blankToNull(entry.decodedTerm()),
                entry.grade(), entry.serious(), entry.related(), entry.start(), entry.end());
        em.persist(event);
        em.flush();
        return View.of(event);
    }

    public View correct(String studyCode, String usubjid, int seq, Entry entry) {
        Subject subject = subjects.lockForWrite(studyCode, usubjid, Role.COORDINATOR);
        AdverseEvent event = em.createQuery("select e from AdverseEvent e where e.subject = :subject and e.seq = :seq",
                        AdverseEvent.class)
                .setParameter("subject", subject).setParameter("seq", seq)
                .getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("No adverse event " + seq + " for subject " + usubjid));
        if (entry.version() == null || entry.version() != event.getVersion()) {
            throw new ConflictException("Adverse event " + seq + " of " + usubjid + " was changed by someone else since you read it"
                    + " (your version " + entry.version() + ", now " + event.getVersion() + "); reload it and apply your change again");
        }
        FieldErrors errors = check(subject, entry);
        boolean changes = !Objects.equals(event.getTerm(), strip(entry.term()))
                || !Objects.equals(event.getDecodedTerm(), blankToNull(entry.decodedTerm()))
                || !Objects.equals(event.getGrade(), entry.grade()) || !Objects.equals(event.isSerious(), entry.serious())
                || !Objects.equals(event.isRelated(), entry.related()) || !Objects.equals(event.getStartDate(), entry.start())
                || !Objects.equals(event.getEndDate(), entry.end());
        if (changes && (entry.reason() == null || entry.reason().isBlank())) {
            errors.add("reason", "a reason for change is required when a recorded adverse event is corrected");
        }
        errors.throwIfAny();
        if (changes) {
            ChangeReason.require(entry.reason(), true);
            event.update(entry.term().strip(), blankToNull(entry.decodedTerm()), entry.grade(), entry.serious(), entry.related(),
                    entry.start(), entry.end());
            em.flush();
        }
        return View.of(event);
    }

    private FieldErrors check(Subject subject, Entry e) {
        FieldErrors errors = new FieldErrors();
        LocalDate today = LocalDate.now(clock);
        if (e.term() == null || e.term().isBlank()) {
            errors.add("term", "the adverse event term as reported is required, e.g. 'fever and chills'");
        } else if (e.term().length() > 400) {
            errors.add("term", "the term has at most 400 characters");
        }
        if (e.decodedTerm() != null && e.decodedTerm().length() > 200) {
            errors.add("decodedTerm", "the coded term has at most 200 characters");
        }
        if (e.grade() == null || e.grade() < 1 || e.grade() > 5) {
            errors.add("grade", (e.grade() == null ? "the CTCAE grade is required" : "CTCAE grade " + e.grade() + " does not exist")
                    + "; grades are 1 (mild) to 5 (death)");
        }
        if (e.serious() == null) {
            errors.add("serious", "say whether the event is serious (true or false)");
        }
        if (e.related() == null) {
            errors.add("related", "say whether the event is related to the study treatment (true or false)");
        }
        if (e.start() == null) {
            errors.add("start", "the start date is required (yyyy-MM-dd)");
        } else if (e.start().isAfter(today)) {
            errors.add("start", "the start " + e.start() + " is in the future; today is " + today);
        } else if (subject.getConsentDate() != null && e.start().isBefore(subject.getConsentDate())) {
            errors.add("start", "the start " + e.start() + " is before informed consent on " + subject.getConsentDate()
                    + "; events before consent are medical history");
        }
        if (e.end() != null) {
            if (e.end().isAfter(today)) {
                errors.add("end", "the end " + e.end() + " is in the future; leave it empty while the event is ongoing");
            } else if (e.start() != null && e.end().isBefore(e.start())) {
                errors.add("end", "the end " + e.end() + " is before the start " + e.start());
            }
        }
        return errors;
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

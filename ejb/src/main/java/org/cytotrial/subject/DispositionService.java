package org.cytotrial.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;

/**
 * How a subject leaves the study (SDTM DS, category DISPOSITION EVENT): progression, death,
 * withdrawal and its reasons, completion, each with its date. Death is also the subject's death
 * date (DM DTHDTC), which progression-free survival counts as an event, so the two never
 * disagree.
 */
@ApplicationScoped
@Transactional
public class DispositionService {

    public static final String CATEGORY = "DISPOSITION EVENT";

    /** The disposition events (CDISC NCOMPLT codelist terms, DSDECOD). */
    public enum Event {
        PROGRESSIVE_DISEASE("PROGRESSIVE DISEASE", "Progressive disease"),
        DEATH("DEATH", "Death"),
        WITHDRAWAL_BY_SUBJECT("WITHDRAWAL BY SUBJECT", "Withdrawal by subject"),
        ADVERSE_EVENT("ADVERSE EVENT", "Withdrawn because of an adverse event"),
        PHYSICIAN_DECISION("PHYSICIAN DECISION", "Physician decision"),
        LOST_TO_FOLLOW_UP("LOST TO FOLLOW-UP", "Lost to follow-up"),
        COMPLETED("COMPLETED", "Completed the study");

        private final String decoded;
        private final String label;

        Event(String decoded, String label) {
            this.decoded = decoded;
            this.label = label;
        }

        public String decoded() {
            return decoded;
        }

        public String label() {
            return label;
        }

        public static Optional<Event> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String v = text.strip().toUpperCase(Locale.ROOT).replace('_', ' ');
            return Arrays.stream(values()).filter(e -> e.decoded.equals(v) || e.decoded.replace("-", " ").equals(v)).findFirst();
        }
    }

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

    /** A disposition event as entered: the event (DSDECOD), the verbatim term (optional), the date. */
    public record Entry(String event, String term, LocalDate date, Long version, String reason) {}

    public record View(int seq, String event, String term, String category, LocalDate date, long version) {
        /** For sponsors: the verbatim term is free text that may identify; the event replaces it. */
        View pseudonymised() {
            return new View(seq, event, event, category, date, version);
        }

        static View of(DispositionEvent d) {
            return new View(d.getSeq() == null ? 0 : d.getSeq(), d.getDecodedTerm(), d.getTerm(), d.getCategory(),
                    d.getEventDate(), d.getVersion());
        }
    }

    public List<View> list(String studyCode, String usubjid) {
        Subject subject = subjects.requireVisible(studyCode, usubjid);
        boolean pseudonymised = access.requireUser().isPseudonymised();
        return events(subject).stream().map(View::of).map(v -> pseudonymised ? v.pseudonymised() : v).toList();
    }

    private List<DispositionEvent> events(Subject subject) {
        return em.createQuery("select d from DispositionEvent d where d.subject = :subject order by d.eventDate, d.seq, d.id",
                DispositionEvent.class).setParameter("subject", subject).getResultList();
    }

    public View record(String studyCode, String usubjid, Entry entry) {
        Subject subject = subjects.lockForWrite(studyCode, usubjid, Role.COORDINATOR);
        FieldErrors errors = new FieldErrors();
        Event event = check(subject, entry, errors);
        if (event != null && events(subject).stream().anyMatch(d -> d.getDecodedTerm().equals(event.decoded()))) {
            errors.add("event", event.decoded() + " is already recorded for " + usubjid + "; correct that record instead");
        }
        if (event == Event.DEATH && subject.getDeathDate() != null && !subject.getDeathDate().equals(entry.date())) {
            errors.add("date", "the subject's death is recorded on " + subject.getDeathDate() + "; correct that date instead");
        }
        checkDeathAfterFirstDose(subject, event, entry, errors);
        errors.throwIfAny();
        ChangeReason.require(entry.reason(), false);
        Integer max = em.createQuery("select max(d.seq) from DispositionEvent d where d.subject = :subject", Integer.class)
                .setParameter("subject", subject).getSingleResult();
        DispositionEvent created = new DispositionEvent(subject, max == null ? 1 : max + 1, term(entry, event), event.decoded(),
                CATEGORY, entry.date());
        em.persist(created);
        if (event == Event.DEATH) {
            subject.recordDeath(entry.date(), true);
        }
        em.flush();
        return View.of(created);
    }

    public View correct(String studyCode, String usubjid, int seq, Entry entry) {
        Subject subject = subjects.lockForWrite(studyCode, usubjid, Role.COORDINATOR);
        DispositionEvent stored = events(subject).stream().filter(d -> d.getSeq() != null && d.getSeq() == seq).findFirst()
                .orElseThrow(() -> new NotFoundException("No disposition event " + seq + " for subject " + usubjid));
        if (entry.version() == null || entry.version() != stored.getVersion()) {
            throw new ConflictException("Disposition event " + seq + " of " + usubjid + " was changed by someone else since you"
                    + " read it (your version " + entry.version() + ", now " + stored.getVersion() + "); reload it and apply your"
                    + " change again");
        }
        FieldErrors errors = new FieldErrors();
        Event event = check(subject, entry, errors);
        String term = event == null ? null : term(entry, event);
        boolean changes = event != null && (!event.decoded().equals(stored.getDecodedTerm()) || !Objects.equals(term, stored.getTerm())
                || !Objects.equals(entry.date(), stored.getEventDate()));
        if (changes && (entry.reason() == null || entry.reason().isBlank())) {
            errors.add("reason", "a reason for change is required when a recorded disposition is corrected");
        }
        checkDeathAfterFirstDose(subject, event, entry, errors);
        errors.throwIfAny();
        if (changes) {
            ChangeReason.require(entry.reason(), true);
            boolean wasDeath = Event.DEATH.decoded().equals(stored.getDecodedTerm());
            stored.correct(term, event.decoded(), CATEGORY, entry.date());
            if (event == Event.DEATH) {
                subject.recordDeath(entry.date(), true);
            } else if (wasDeath) {
                subject.recordDeath(null, false);
            }
            em.flush();
        }
        return View.of(stored);
    }

    private Event check(Subject subject, Entry entry, FieldErrors errors) {
        Event event = Event.parse(entry.event()).orElse(null);
        if (event == null) {
            errors.add("event", (entry.event() == null ? "the event is required" : "'" + entry.event() + "' is not a disposition event")
                    + "; accepted: " + String.join(", ", Arrays.stream(Event.values()).map(Event::decoded).toList()));
        }
        LocalDate today = LocalDate.now(clock);
        if (entry.date() == null) {
            errors.add("date", "the date of the event is required (yyyy-MM-dd)");
        } else if (entry.date().isAfter(today)) {
            errors.add("date", "the date " + entry.date() + " is in the future; today is " + today);
        } else if (subject.getConsentDate() != null && entry.date().isBefore(subject.getConsentDate())) {
            errors.add("date", "the date " + entry.date() + " is before informed consent on " + subject.getConsentDate());
        }
        if (entry.term() != null && entry.term().length() > 400) {
            errors.add("term", "the verbatim term has at most 400 characters");
        }
        return event;
    }

    /** PFS runs from the first dose; a death before it would make the subject's PFS undefined. */
    private static void checkDeathAfterFirstDose(Subject subject, Event event, Entry entry, FieldErrors errors) {
        if (event == Event.DEATH && entry.date() != null && subject.getFirstDoseDate() != null
                && entry.date().isBefore(subject.getFirstDoseDate())) {
            errors.add("date", "the death on " + entry.date() + " is before the first dose on " + subject.getFirstDoseDate());
        }
    }

    private static String term(Entry entry, Event event) {
        return entry.term() == null || entry.term().isBlank() ? event.label() : entry.term().strip();
    }
}

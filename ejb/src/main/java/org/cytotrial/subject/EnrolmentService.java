package org.cytotrial.subject;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.cytotrial.audit.AuditContext;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.security.AccessDeniedException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.ClinicalWriteGuard;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserAccount;
import org.cytotrial.study.Arm;
import org.cytotrial.study.EligibilityCriterion;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyService;
import org.cytotrial.study.StudySetupService;

/**
 * Enrolment: checks the subject against the study's eligibility checklist, gives it the next
 * subject number, and assigns its arm (chosen for an open study, drawn by permuted-block
 * randomisation stratified by site for a randomised one), all in one transaction, audited.
 *
 * <p>Enrolments of one study are serialised by a row lock on the study, so that two
 * coordinators never draw the same position of a stratum's sequence nor the same number. Placing
 * a lock takes the same row, so a study or site lock and an enrolment never interleave: the
 * enrolment checks for locks under the row lock and sees any lock committed before it.
 */
@ApplicationScoped
@Transactional
public class EnrolmentService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private StudyService studies;

    @Inject
    private StudySetupService setup;

    @Inject
    private AccessPolicy access;

    @Inject
    private ClinicalWriteGuard guard;

    private Clock clock = Clock.systemDefaultZone();

    void useClock(Clock testClock) {
        this.clock = testClock;
    }

    /** What the enrolment form offers the current user for a study. */
    public record EnrolmentForm(String study, boolean randomised, List<String> arms, List<String> armNames,
            List<String> sites, List<EligibilityCriterion> criteria) {}

    public EnrolmentForm form(String studyCode) {
        Study study = studies.requireVisible(studyCode);
        UserAccount user = access.requireRole(Role.COORDINATOR);
        List<Arm> arms = study.getArms();
        return new EnrolmentForm(study.getCode(), study.isRandomised(), arms.stream().map(Arm::getCode).toList(),
                arms.stream().map(Arm::getName).toList(),
                study.getSites().stream().filter(s -> user.canSeeSite(study.getId(), s.getId())).map(Site::getCode).sorted().toList(),
                setup.criteria(study));
    }

    public Subject enrol(String studyCode, Enrolment e) {
        Study study = studies.requireVisible(studyCode);
        UserAccount user = access.requireUser();
        if (!user.has(Role.COORDINATOR)) {
            throw new AccessDeniedException(user.username() + " may not enrol subjects; it needs the role COORDINATOR", true);
        }
        guard.lockForWrite(study);

        LocalDate today = LocalDate.now(clock);
        FieldErrors errors = new FieldErrors();
        Site site = site(study, user, e.site(), errors);
        if (e.consentDate() == null) {
            errors.add("consentDate", "the date of informed consent is required (yyyy-MM-dd)");
        } else if (e.consentDate().isAfter(today)) {
            errors.add("consentDate", "consent on " + e.consentDate() + " is in the future; today is " + today);
        }
        if (e.sex() == null) {
            errors.add("sex", "sex is required: M, F or U (unknown)");
        }
        Integer age = age(e, errors);
        if (e.firstDoseDate() != null) {
            if (e.firstDoseDate().isAfter(today)) {
                errors.add("firstDoseDate", "the first dose on " + e.firstDoseDate() + " is in the future; today is " + today);
            } else if (e.consentDate() != null && e.firstDoseDate().isBefore(e.consentDate())) {
                errors.add("firstDoseDate", "the first dose (" + e.firstDoseDate() + ") cannot come before informed consent ("
                        + e.consentDate() + ")");
            }
        }
        List<EligibilityCriterion> criteria = setup.criteria(study);
        checkEligibility(criteria, e, errors);
        Arm chosen = chosenArm(study, e.arm(), errors);
        String subjid = e.subjid() == null || e.subjid().isBlank() ? null : e.subjid().strip();
        if (subjid != null && !subjid.matches("[A-Za-z0-9-]{1,40}")) {
            errors.add("subjid", "'" + subjid + "' is not a subject number; use 1 to 40 letters, digits or hyphens");
        }
        errors.throwIfAny();
        guard.requireOpen(study, site);

        SubjectNumber number = nextNumber(study, subjid);
        if (exists(study, number.usubjid())) {
            errors.add("subjid", "subject " + number.usubjid() + " is already enrolled in study " + study.getCode());
            errors.throwIfAny();
        }
        Subject subject = new Subject(study, number.usubjid(), site, e.sex());
        subject.identify(number.subjid(), age, age == null ? null : "YEARS", e.sex(), site.getCountry());
        subject.recordConsent(e.consentDate());
        subject.recordFirstDose(e.firstDoseDate());

        String reason = "Enrolment of " + number.usubjid() + " at " + site.getCode();
        if (study.isRandomised()) {
            RandomisationAssignment assignment = randomise(study, subject, user);
            subject.assignTo(assignment.getArm());
            reason += "; arm assigned by randomisation";
            em.persist(subject);
            em.persist(assignment);
        } else {
            subject.assignTo(chosen);
            em.persist(subject);
        }
        for (EligibilityCriterion c : criteria) {
            em.persist(new EligibilityAnswer(subject, c, e.eligibility().get(c.getCode())));
        }
        AuditContext.current().setReason(reason);
        em.flush();
        return subject;
    }

    private Site site(Study study, UserAccount user, String code, FieldErrors errors) {
        List<String> mine = study.getSites().stream().filter(s -> user.canSeeSite(study.getId(), s.getId())).map(Site::getCode).sorted().toList();
        if (code == null || code.isBlank()) {
            errors.add("site", "the site is required; yours in this study: " + String.join(", ", mine));
            return null;
        }
        Optional<Site> site = study.getSites().stream().filter(s -> s.getCode().equals(code.strip())).findFirst();
        if (site.isEmpty() || !user.canSeeSite(study.getId(), site.get().getId())) {
            errors.add("site", "'" + code + "' is not one of your sites in study " + study.getCode() + "; yours: "
                    + String.join(", ", mine));
            return null;
        }
        return site.get();
    }

    private static Integer age(Enrolment e, FieldErrors errors) {
        Integer fromBirthYear = null;
        if (e.birthYear() != null) {
            int consentYear = e.consentDate() != null ? e.consentDate().getYear() : LocalDate.now().getYear();
            if (e.birthYear() < 1890 || e.birthYear() > consentYear) {
                errors.add("birthYear", "birth year " + e.birthYear() + " is not between 1890 and " + consentYear);
                return null;
            }
            fromBirthYear = consentYear - e.birthYear();
        }
        if (e.age() != null) {
            if (e.age() < 0 || e.age() > 130) {
                errors.add("age", "age " + e.age() + " is outside 0–130 years");
                return null;
            }
            if (fromBirthYear != null && Math.abs(fromBirthYear - e.age()) > 1) {
                errors.add("age", "age " + e.age() + " does not fit birth year " + e.birthYear() + "; give one of the two");
                return null;
            }
            return e.age();
        }
        if (fromBirthYear == null) {
            errors.add("age", "give the age at consent in years, or the birth year");
        }
        return fromBirthYear;
    }

    private static void checkEligibility(List<EligibilityCriterion> criteria, Enrolment e, FieldErrors errors) {
        for (String code : e.eligibility().keySet()) {
            if (criteria.stream().noneMatch(c -> c.getCode().equals(code))) {
                errors.add("eligibility[" + code + "]", "the study has no criterion " + code + "; its criteria: "
                        + String.join(", ", criteria.stream().map(EligibilityCriterion::getCode).toList()));
            }
        }
        for (EligibilityCriterion c : criteria) {
            Boolean met = e.eligibility().get(c.getCode());
            String field = "eligibility[" + c.getCode() + "]";
            if (met == null) {
                errors.add(field, "answer " + c.getCode() + " (" + c.getText() + "): is it met, yes or no?");
            } else if (!c.admits(met)) {
                errors.add(field, c.getCategory() == EligibilityCriterion.Category.INCLUSION
                        ? "inclusion criterion " + c.getCode() + " (" + c.getText() + ") is not met: the subject is not eligible"
                        : "exclusion criterion " + c.getCode() + " (" + c.getText() + ") applies: the subject is not eligible");
            }
        }
    }

    private static Arm chosenArm(Study study, String armCode, FieldErrors errors) {
        List<Arm> arms = study.getArms();
        boolean given = armCode != null && !armCode.isBlank();
        if (arms.isEmpty()) {
            errors.add("arm", "study " + study.getCode() + " has no arm defined yet; subjects cannot be enrolled");
            return null;
        }
        if (study.isRandomised()) {
            if (given) {
                errors.add("arm", "study " + study.getCode() + " is randomised: the arm is assigned at enrolment, leave it empty");
            }
            return null;
        }
        if (!given) {
            if (arms.size() == 1) {
                return arms.get(0);
            }
            errors.add("arm", "choose the arm: " + String.join(", ", arms.stream().map(Arm::getCode).toList()));
            return null;
        }
        return study.arm(armCode.strip()).orElseGet(() -> {
            errors.add("arm", "'" + armCode + "' is not an arm of study " + study.getCode() + "; its arms: "
                    + String.join(", ", arms.stream().map(Arm::getCode).toList()));
            return null;
        });
    }

    private RandomisationAssignment randomise(Study study, Subject subject, UserAccount user) {
        int position = Math.toIntExact(em.createQuery("select count(a) from RandomisationAssignment a"
                        + " where a.study = :study and a.site = :site", Long.class)
                .setParameter("study", study)
                .setParameter("site", subject.getSite())
                .getSingleResult());
        List<String> armCodes = study.getArms().stream().map(Arm::getCode).sorted(Comparator.naturalOrder()).toList();
        PermutedBlocks blocks = new PermutedBlocks(study.getRandomisationSeed(), armCodes, study.getBlockSize());
        PermutedBlocks.Allocation allocation = blocks.allocate(subject.getSite().getCode(), position);
        Arm arm = study.arm(allocation.arm()).orElseThrow();
        return new RandomisationAssignment(subject, position, allocation.blockNumber(), arm, Instant.now(clock),
                user.username());
    }

    private record SubjectNumber(String subjid, String usubjid) {}

    /**
     * The next subject number: one above the highest numeric SUBJID of the study, as wide as the
     * widest so far (at least 3 digits); USUBJID is the prefix the study's subjects use (what
     * precedes their SUBJID in their USUBJID), else the study code and a hyphen.
     */
    private SubjectNumber nextNumber(Study study, String requested) {
        // two aggregate reads in the database, however many subjects the study has: the highest
        // all-digit SUBJID and the widest, then the prefix of the latest subject that has one
        Object[] numbers = (Object[]) em.createNativeQuery("select max(cast(subjid as bigint)), max(length(subjid))"
                        + " from subject where study_id = ?1 and length(subjid) between 1 and 18"
                        // all digits: each digit made a 0 gives as many zeros (portable to H2 and PostgreSQL)
                        + " and translate(subjid, '0123456789', '0000000000') = substring('000000000000000000', 1, length(subjid))")
                .setParameter(1, study.getId())
                .getSingleResult();
        long highest = numbers[0] == null ? 0 : ((Number) numbers[0]).longValue();
        int width = numbers[1] == null ? 3 : Math.max(3, ((Number) numbers[1]).intValue());
        String prefix = em.createQuery("select substring(s.usubjid, 1, length(s.usubjid) - length(s.subjid)) from Subject s"
                        + " where s.study = :study and s.subjid is not null and length(s.usubjid) > length(s.subjid)"
                        + " and substring(s.usubjid, length(s.usubjid) - length(s.subjid) + 1) = s.subjid order by s.id desc",
                        String.class)
                .setParameter("study", study)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .orElse(study.getCode() + "-");
        String subjid = requested != null ? requested : String.format("%0" + width + "d", highest + 1);
        return new SubjectNumber(subjid, prefix + subjid);
    }

    private boolean exists(Study study, String usubjid) {
        return em.createQuery("select count(s) from Subject s where s.study = :study and s.usubjid = :usubjid", Long.class)
                .setParameter("study", study)
                .setParameter("usubjid", usubjid)
                .getSingleResult() > 0;
    }
}

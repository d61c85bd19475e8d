package org.cytotrial.study;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.ClinicalWriteGuard;
import org.cytotrial.security.Role;

/**
 * The parts of a study's set-up that enrolment follows, kept by an administrator: the
 * eligibility checklist and the randomisation (block size and seed). The seed is the secret of
 * the allocation sequence: only administrators ever see it.
 */
@ApplicationScoped
@Transactional
public class StudySetupService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private StudyService studies;

    @Inject
    private AccessPolicy access;

    @Inject
    private ClinicalWriteGuard guard;

    /** One criterion as defined. */
    public record Criterion(String code, EligibilityCriterion.Category category, String text) {}

    /** The randomisation of a study as an administrator sees it. */
    public record Randomisation(boolean randomised, Integer blockSize, Long seed, long assignments) {}

    /** The study's checklist in order; visible to whoever sees the study. */
    public List<EligibilityCriterion> criteria(String studyCode) {
        Study study = studies.requireVisible(studyCode);
        return criteria(study);
    }

    public List<EligibilityCriterion> criteria(Study study) {
        return em.createQuery("select c from EligibilityCriterion c where c.study = :study order by c.position, c.code",
                        EligibilityCriterion.class)
                .setParameter("study", study)
                .getResultList();
    }

    /**
     * Replaces the checklist: criteria are matched by code; new codes are added, changed texts
     * reworded, and codes no longer listed are refused once a subject has answered them (the
     * answers must keep their question).
     */
    public List<EligibilityCriterion> defineCriteria(String studyCode, List<Criterion> wanted, String reason) {
        access.requireRole(Role.ADMIN);
        Study study = studies.requireVisible(studyCode);
        guard.lockForWrite(study);
        FieldErrors errors = new FieldErrors();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            Criterion c = wanted.get(i);
            String field = "criteria[" + i + "]";
            if (c.code() == null || !c.code().matches("[A-Z0-9]{1,8}")) {
                errors.add(field + ".code", "'" + c.code() + "' is not a criterion code; use 1 to 8 capital letters or digits, e.g. IN01");
            } else if (!codes.add(c.code())) {
                errors.add(field + ".code", "code " + c.code() + " is listed twice");
            }
            if (c.category() == null) {
                errors.add(field + ".category", "the category is required: INCLUSION or EXCLUSION");
            }
            if (c.text() == null || c.text().isBlank() || c.text().length() > 1000) {
                errors.add(field + ".text", "the criterion text is required, at most 1000 characters");
            }
        }
        List<EligibilityCriterion> existing = criteria(study);
        Map<String, EligibilityCriterion> byCode = existing.stream()
                .collect(Collectors.toMap(EligibilityCriterion::getCode, Function.identity()));
        boolean changesExisting = false;
        for (EligibilityCriterion c : existing) {
            if (!codes.contains(c.getCode())) {
                long answers = em.createQuery("select count(a) from EligibilityAnswer a where a.criterion = :c", Long.class)
                        .setParameter("c", c).getSingleResult();
                if (answers > 0) {
                    errors.add("criteria", "criterion " + c.getCode() + " has been answered for " + answers
                            + " subjects and cannot be removed");
                }
                changesExisting = true;
            }
        }
        for (Criterion c : wanted) {
            EligibilityCriterion known = byCode.get(c.code());
            if (known != null && (known.getCategory() != c.category() || !known.getText().equals(c.text() == null ? null : c.text().strip()))) {
                changesExisting = true;
                if (known.getCategory() != c.category()) {
                    errors.add("criteria", "criterion " + c.code() + " is an " + known.getCategory()
                            + " criterion; its category cannot change, define a new code instead");
                }
            }
        }
        if (changesExisting && (reason == null || reason.isBlank())) {
            errors.add("reason", "a reason for change is required when the checklist of a study is changed");
        }
        errors.throwIfAny();
        ChangeReason.require(reason, changesExisting);
        for (EligibilityCriterion c : existing) {
            if (!codes.contains(c.getCode())) {
                em.remove(c);
            }
        }
        List<EligibilityCriterion> result = new ArrayList<>();
        int position = 1;
        for (Criterion c : wanted) {
            EligibilityCriterion known = byCode.get(c.code());
            if (known == null) {
                known = new EligibilityCriterion(study, c.code(), c.category(), c.text(), position);
                em.persist(known);
            } else {
                known.reword(c.text());
                known.moveTo(position);
            }
            result.add(known);
            position++;
        }
        em.flush();
        return result;
    }

    /** The randomisation; only administrators see it (the seed predicts every allocation). */
    public Randomisation randomisation(String studyCode) {
        access.requireRole(Role.ADMIN);
        Study study = studies.requireVisible(studyCode);
        return new Randomisation(study.isRandomised(), study.getBlockSize(), study.getRandomisationSeed(),
                assignments(study));
    }

    /**
     * Turns permuted-block randomisation on, or changes it while nobody has been randomised yet.
     *
     * @param seed the seed, or null to draw one from a secure random source
     */
    public Randomisation configureRandomisation(String studyCode, Integer blockSize, Long seed, String reason) {
        access.requireRole(Role.ADMIN);
        Study study = studies.requireVisible(studyCode);
        guard.lockForWrite(study);
        FieldErrors errors = new FieldErrors();
        int arms = study.getArms().size();
        if (arms < 2) {
            errors.add("blockSize", "study " + studyCode + " has " + arms + " arm; randomisation needs at least two");
        } else if (blockSize == null || blockSize < arms || blockSize % arms != 0 || blockSize > 100) {
            errors.add("blockSize", "the block size must be a multiple of the number of arms (" + arms + "), at most 100, e.g. "
                    + (2 * arms));
        }
        errors.throwIfAny();
        long done = assignments(study);
        if (done > 0) {
            throw new ConflictException(done + " subjects of study " + studyCode
                    + " have been randomised; the block size and seed can no longer change");
        }
        ChangeReason.require(reason, study.isRandomised());
        study.useRandomisation(blockSize, seed != null ? seed : new SecureRandom().nextLong());
        em.flush();
        return new Randomisation(true, study.getBlockSize(), study.getRandomisationSeed(), 0);
    }

    private long assignments(Study study) {
        return em.createQuery("select count(a) from RandomisationAssignment a where a.study = :study", Long.class)
                .setParameter("study", study)
                .getSingleResult();
    }
}

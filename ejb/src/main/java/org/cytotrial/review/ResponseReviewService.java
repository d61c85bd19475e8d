package org.cytotrial.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cytotrial.analytics.AnalyticsAccess;
import org.cytotrial.analytics.AnalyticsCache;
import org.cytotrial.analytics.ComputedAssessment;
import org.cytotrial.analytics.InvestigatorAssessment;
import org.cytotrial.analytics.ResponseAnalytics;
import org.cytotrial.analytics.StudyScope;
import org.cytotrial.analytics.SubjectResponses;
import org.cytotrial.audit.ChangeReason;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.response.ResponseAssessment;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.security.ClinicalWriteGuard;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserAccount;
import org.cytotrial.study.ResponseCriteria;

/**
 * The review queue and the review itself. The queue compares, visit by visit, the response
 * computed from the measurements with the investigator's; investigators (at their sites, all
 * sites for a principal investigator), monitors and administrators read it. Only an
 * investigator reviews: keeps the recorded response (CONFIRMED) or changes it (CORRECTED),
 * always with a reason, which lands in the assessment and in the audit revision of the change.
 */
@ApplicationScoped
@Transactional
public class ResponseReviewService {

    /** Who reads the queue: sponsors read summaries, not subject-level review work. */
    static final Role[] READERS = {Role.ADMIN, Role.INVESTIGATOR, Role.MONITOR};

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AnalyticsAccess access;

    @Inject
    private AnalyticsCache cache;

    @Inject
    private ResponseAnalytics responses;

    @Inject
    private ClinicalWriteGuard guard;

    public ReviewQueue queue(String studyCode, ReviewFilter filter) {
        StudyScope scope = access.open(studyCode, READERS);
        ReviewQueue all = cache.get(scope, "review-queue", () -> computeQueue(scope));
        if (filter == ReviewFilter.ALL) {
            return all;
        }
        List<ReviewItem> items = all.items().stream()
                .filter(i -> filter == ReviewFilter.OPEN ? i.open() : i.reviewStatus() != null).toList();
        return new ReviewQueue(all.study(), all.criteria(), all.open(), all.reviewed(), items, all.problems());
    }

    /**
     * Records the investigator's decision on one assessment of the study.
     *
     * @param decision the response to keep (the recorded one: confirmed) or to record instead (corrected)
     * @param reason   why; required
     * @param version  the version of the assessment the decision was made on; a newer one is a 409
     */
    public ReviewDecision review(String studyCode, long assessmentId, String decision, String reason, Long version) {
        StudyScope scope = access.open(studyCode, Role.INVESTIGATOR);
        ResponseAssessment assessment = em.find(ResponseAssessment.class, assessmentId);
        // an assessment of a subject the investigator may not see is answered exactly like one that does not exist
        if (assessment == null || assessment.getSubject().getStudy().getId() != scope.studyId()
                || !guard.isVisible(assessment.getSubject())) {
            throw new NotFoundException("No response assessment " + assessmentId + " in study " + scope.code());
        }
        UserAccount user = guard.lockForWrite(assessment.getSubject(), Role.INVESTIGATOR);
        List<InvalidInputException.FieldError> errors = new ArrayList<>();
        ResponseCategory decided = null;
        try {
            decided = ResponseCategory.parse(decision);
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidInputException.FieldError("response", e.getMessage()));
        }
        if (version == null) {
            errors.add(new InvalidInputException.FieldError("version",
                    "the version of the assessment you reviewed is required (from the review queue)"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new InvalidInputException.FieldError("reason",
                    "a reason is required to confirm or correct a response (e.g. 'non-target progression seen on CT')"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ChangeReason.require("Response review: " + reason.strip(), true);
        if (assessment.getVersion() != version) {
            throw new ConflictException("Assessment " + assessmentId + " was changed by someone else since you read it"
                    + " (version " + version + ", now " + assessment.getVersion() + "); reload the queue and review again");
        }
        assessment.review(decided, reason.strip(), user.username(), Instant.now());
        em.flush();
        return new ReviewDecision(assessment.getId(), assessment.getVersion(), assessment.getResponse(),
                assessment.getReviewStatus(), assessment.getReviewReason(), assessment.getReviewedBy(),
                assessment.getReviewedAt());
    }

    ReviewQueue computeQueue(StudyScope scope) {
        List<ReviewItem> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] counts = new int[2];
        String unit = scope.criteria() == ResponseCriteria.IMWG ? "g/L" : "mm";
        responses.stream(scope, subject -> {
            if (subject.problem() != null) {
                problems.add(subject.usubjid() + ": " + subject.problem());
            }
            for (InvestigatorAssessment recorded : subject.investigator()) {
                ComputedAssessment computed = subject.computedAt(recorded.visitId()).orElse(null);
                ReviewItem item = item(subject, recorded, computed, unit);
                if (item.open()) {
                    counts[0]++;
                }
                if (item.reviewStatus() != null) {
                    counts[1]++;
                }
                if (item.disagrees() || item.reviewStatus() != null) {
                    items.add(item);
                }
            }
        });
        return new ReviewQueue(scope.code(), scope.criteria().sdtmValue(), counts[0], counts[1], items, problems);
    }

    private static ReviewItem item(SubjectResponses subject, InvestigatorAssessment recorded,
            ComputedAssessment computed, String unit) {
        return new ReviewItem(recorded.id(), recorded.version(), subject.usubjid(), subject.site(),
                subject.arm() == null ? null : subject.arm().code(), recorded.visitNumber(), recorded.visit(),
                recorded.date(), subject.studyDay(recorded.date()), recorded.response(),
                computed == null ? null : computed.category(), computed == null ? null : computed.measure(), unit,
                computed == null ? null : computed.changeFromBaseline(),
                computed == null ? null : computed.changeFromNadir(), recorded.reviewStatus(), recorded.reviewReason(),
                recorded.reviewedBy(), recorded.reviewedAt());
    }
}

package org.cytotrial.web.analytics;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.review.ResponseReviewService;
import org.cytotrial.review.ReviewDecision;
import org.cytotrial.review.ReviewFilter;
import org.cytotrial.review.ReviewItem;
import org.cytotrial.review.ReviewQueue;

/**
 * The review queue (analytics/review.xhtml): disagreements between the computed and the
 * investigator's responses, and the investigator's confirmation or correction with a reason.
 */
@Named
@ViewScoped
public class ReviewQueueBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient ResponseReviewService reviews;

    private String study;
    private String status = "open";
    private transient ReviewQueue queue;

    private Long assessmentId;
    private Long version;
    private String usubjid;
    private String visit;
    private String recorded;
    private String computed;
    private String decision;
    private String reason;

    public void load() {
        try {
            queue = reviews.queue(study, filter());
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    /** Opens the review of one queued assessment, proposing the computed response. */
    public void select(ReviewItem item) {
        assessmentId = item.assessmentId();
        version = item.version();
        usubjid = item.usubjid();
        visit = item.visit() + " (" + item.date() + ")";
        recorded = item.investigator().name();
        computed = item.computed() == null ? null : item.computed().name();
        decision = computed == null ? recorded : computed;
        reason = null;
    }

    public void save() {
        try {
            ReviewDecision done = reviews.review(study, assessmentId, decision, reason, version);
            PageErrors.info(usubjid + ", " + visit + ": " + done.response() + " "
                    + done.reviewStatus().name().toLowerCase(Locale.ROOT) + ".");
            assessmentId = null;
            load();
        } catch (RuntimeException e) {
            PageErrors.show(e);
        }
    }

    private ReviewFilter filter() {
        try {
            return ReviewFilter.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return ReviewFilter.OPEN;
        }
    }

    public ReviewQueue getQueue() {
        if (queue == null && study != null) {
            load();
        }
        return queue;
    }

    public List<ReviewItem> getItems() {
        return getQueue() == null ? List.of() : getQueue().items();
    }

    public ResponseCategory[] getCategories() {
        return ResponseCategory.values();
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status == null || status.isBlank() ? "open" : status;
    }

    public Long getAssessmentId() {
        return assessmentId;
    }

    public String getUsubjid() {
        return usubjid;
    }

    public String getVisit() {
        return visit;
    }

    public String getRecorded() {
        return recorded;
    }

    public String getComputed() {
        return computed;
    }

    public String getDecision() {
        return decision;
    }

    public void setDecision(String decision) {
        this.decision = decision;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}

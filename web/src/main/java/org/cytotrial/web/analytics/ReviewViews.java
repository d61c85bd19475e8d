package org.cytotrial.web.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cytotrial.review.ReviewDecision;
import org.cytotrial.review.ReviewItem;
import org.cytotrial.review.ReviewQueue;

/** The JSON shapes of the review queue API. */
public final class ReviewViews {

    private ReviewViews() {
    }

    public record Queue(String study, String responseCriteria, int open, int reviewed, List<Item> items,
            List<String> problems) {
        static Queue of(ReviewQueue q) {
            return new Queue(q.study(), q.criteria(), q.open(), q.reviewed(), q.items().stream().map(Item::of).toList(),
                    q.problems());
        }
    }

    public record Item(long id, long version, String usubjid, String site, String arm, BigDecimal visitnum, String visit,
            LocalDate date, Integer studyDay, String investigator, String computed, Double measure, String measureUnit,
            Double changeFromBaseline, Double changeFromNadir, boolean disagrees, String reviewStatus,
            String reviewReason, String reviewedBy, Instant reviewedAt) {
        static Item of(ReviewItem i) {
            return new Item(i.assessmentId(), i.version(), i.usubjid(), i.site(), i.arm(),
                    AnalyticsViews.plain(i.visitNumber()), i.visit(), i.date(), i.studyDay(), i.investigator().name(),
                    i.computed() == null ? null : i.computed().name(), i.measure(), i.measureUnit(),
                    i.changeFromBaseline(), i.changeFromNadir(), i.disagrees(),
                    i.reviewStatus() == null ? null : i.reviewStatus().name(), i.reviewReason(), i.reviewedBy(),
                    i.reviewedAt());
        }
    }

    /** A review as sent: the response to keep or record, why, and the version reviewed. */
    public record Request(String response, String reason, Long version) {
    }

    public record Decision(long id, long version, String response, String reviewStatus, String reviewReason,
            String reviewedBy, Instant reviewedAt) {
        static Decision of(ReviewDecision d) {
            return new Decision(d.assessmentId(), d.version(), d.response().name(), d.reviewStatus().name(),
                    d.reviewReason(), d.reviewedBy(), d.reviewedAt());
        }
    }
}

package org.cytotrial.web.analytics;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.review.ResponseReviewService;
import org.cytotrial.review.ReviewFilter;
import org.cytotrial.security.Role;
import org.cytotrial.web.api.Allowed;

/** The review queue of computed-versus-investigator responses, and the review of one assessment. */
@Path("studies")
@ServerTimed
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    @Inject
    private ResponseReviewService reviews;

    /** @param status open (default), reviewed or all */
    @GET
    @Path("{code}/review-queue")
    @Allowed({Role.ADMIN, Role.INVESTIGATOR, Role.MONITOR})
    public ReviewViews.Queue queue(@PathParam("code") String code, @QueryParam("status") String status) {
        return ReviewViews.Queue.of(reviews.queue(code, filter(status)));
    }

    /**
     * Confirms or corrects an investigator's response: {@code {"response": "PD", "reason": "...",
     * "version": 0}}; the reason may also come as the X-Change-Reason header.
     */
    @POST
    @Path("{code}/responses/{id}/review")
    @Allowed(Role.INVESTIGATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public ReviewViews.Decision review(@PathParam("code") String code, @PathParam("id") long id,
            ReviewViews.Request request, @HeaderParam("X-Change-Reason") String reasonHeader) {
        if (request == null) {
            throw new InvalidInputException("response", "send {\"response\": \"PD\", \"reason\": \"...\", \"version\": 0}");
        }
        String reason = request.reason() == null || request.reason().isBlank() ? reasonHeader : request.reason();
        return ReviewViews.Decision.of(reviews.review(code, id, request.response(), reason, request.version()));
    }

    static ReviewFilter filter(String status) {
        if (status == null || status.isBlank()) {
            return ReviewFilter.OPEN;
        }
        try {
            return ReviewFilter.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "'" + status + "' is not a queue status; use open, reviewed or all");
        }
    }
}

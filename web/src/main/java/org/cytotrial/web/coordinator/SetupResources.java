package org.cytotrial.web.coordinator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.study.EligibilityCriterion;
import org.cytotrial.security.Role;
import org.cytotrial.study.StudySetupService;
import org.cytotrial.web.api.Allowed;

/** The set-up enrolment follows, kept by an administrator: the eligibility checklist and the randomisation. */
final class SetupResources {

    private SetupResources() {}

    /** A study's eligibility checklist: anyone who sees the study reads it; administrators define it. */
    @Path("studies/{code}/eligibility-criteria")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class EligibilityResource {

        @Inject
        private StudySetupService setup;

        public record CriterionView(String code, String category, String text) {
            static CriterionView of(EligibilityCriterion c) {
                return new CriterionView(c.getCode(), c.getCategory().name(), c.getText());
            }
        }

        public record CriteriaRequest(List<CriterionView> criteria, String reason) {}

        @GET
        @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
        public List<CriterionView> criteria(@PathParam("code") String code) {
            return setup.criteria(code).stream().map(CriterionView::of).toList();
        }

        @PUT
        @Consumes(MediaType.APPLICATION_JSON)
        @Allowed(Role.ADMIN)
        public List<CriterionView> define(@PathParam("code") String code, CriteriaRequest request,
                @HeaderParam(SubjectsResource.REASON_HEADER) String reasonHeader) {
            Inputs.body(request);
            if (request.criteria() == null) {
                throw new org.cytotrial.platform.InvalidInputException("criteria",
                        "the whole checklist is required, as a list of {code, category, text} (an empty list removes it)");
            }
            FieldErrors errors = new FieldErrors();
            List<CriterionView> wanted = request.criteria();
            List<StudySetupService.Criterion> criteria = new java.util.ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                CriterionView c = wanted.get(i);
                criteria.add(new StudySetupService.Criterion(c.code(),
                        Inputs.enumValue(errors, "criteria[" + i + "].category", c.category(), EligibilityCriterion.Category.class),
                        c.text()));
            }
            errors.throwIfAny();
            return setup.defineCriteria(code, criteria, Inputs.reason(request.reason(), reasonHeader))
                    .stream().map(CriterionView::of).toList();
        }
    }

    /** A study's randomisation; administrators only, since the seed predicts every allocation. */
    @Path("studies/{code}/randomisation")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class RandomisationResource {

        @Inject
        private StudySetupService setup;

        public record RandomisationRequest(Integer blockSize, Long seed, String reason) {}

        @GET
        @Allowed(Role.ADMIN)
        public StudySetupService.Randomisation randomisation(@PathParam("code") String code) {
            return setup.randomisation(code);
        }

        @PUT
        @Consumes(MediaType.APPLICATION_JSON)
        @Allowed(Role.ADMIN)
        public StudySetupService.Randomisation configure(@PathParam("code") String code, RandomisationRequest request,
                @HeaderParam(SubjectsResource.REASON_HEADER) String reasonHeader) {
            Inputs.body(request);
            return setup.configureRandomisation(code, request.blockSize(), request.seed(),
                    Inputs.reason(request.reason(), reasonHeader));
        }
    }
}

package org.cytotrial.web.coordinator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.cytotrial.marker.LabEntryWriter.ResultEntry;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.response.LesionKind;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.TumourEntryWriter.LesionEntry;
import org.cytotrial.safety.AdverseEventService;
import org.cytotrial.subject.DispositionService;
import org.cytotrial.subject.Enrolment;
import org.cytotrial.subject.Sex;
import org.cytotrial.subject.SubjectQueries;
import org.cytotrial.subject.SubjectService;
import org.cytotrial.visit.CasebookService;
import org.cytotrial.visit.VisitEntry;
import org.cytotrial.visit.VisitEntryReader;
import org.cytotrial.visit.VisitEntryService;
import org.cytotrial.visit.VisitEntryView;
import org.cytotrial.visit.VisitStatus;
import org.cytotrial.web.api.Allowed;
import org.cytotrial.security.Role;

/**
 * A study's subjects over REST: the list, enrolment, the casebook, and everything recorded per
 * visit (results, lesions and readings, the investigator's response) and per subject (adverse
 * events, disposition). Documented in docs/api.md. Every change to recorded data needs a reason
 * (the {@code reason} field or the {@code X-Change-Reason} header) and the version read.
 */
@Path("studies/{code}/subjects")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SubjectsResource {

    static final String REASON_HEADER = "X-Change-Reason";

    @Inject
    private SubjectQueries queries;

    @Inject
    private SubjectService subjects;

    @Inject
    private CasebookService casebooks;

    @Inject
    private VisitEntryReader visits;

    @Inject
    private VisitEntryService entries;

    @Inject
    private AdverseEventService adverseEvents;

    @Inject
    private DispositionService dispositions;

    @PathParam("code")
    private String study;

    @HeaderParam(REASON_HEADER)
    private String reasonHeader;

    @HeaderParam("Prefer")
    private String prefer;

    // ---- list and enrolment

    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    @GET
    public SubjectQueries.Page list(@QueryParam("usubjid") String usubjid, @QueryParam("site") String site,
            @QueryParam("arm") String arm, @QueryParam("sex") String sex, @QueryParam("sort") String sort,
            @QueryParam("order") @DefaultValue("asc") String order, @QueryParam("first") @DefaultValue("0") int first,
            @QueryParam("size") @DefaultValue("50") int size) {
        return queries.page(study, new SubjectQueries.Filter(usubjid, site, arm, sex), sort, !"desc".equalsIgnoreCase(order),
                first, size);
    }

    /** An enrolment as posted; dates as yyyy-MM-dd. */
    public record EnrolmentRequest(String site, String consentDate, String sex, Integer age, Integer birthYear, String arm,
            Map<String, Boolean> eligibility, String firstDoseDate, String subjid) {}

    @Allowed(Role.COORDINATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrol(EnrolmentRequest request, @Context UriInfo uri) {
        Inputs.body(request);
        FieldErrors errors = new FieldErrors();
        Enrolment e = new Enrolment(request.site(), errors.date("consentDate", request.consentDate()),
                Inputs.enumValue(errors, "sex", request.sex(), Sex.class), request.age(), request.birthYear(), request.arm(),
                request.eligibility(), errors.date("firstDoseDate", request.firstDoseDate()), request.subjid());
        errors.throwIfAny();
        CasebookService.SubjectView enrolled = casebooks.enrol(study, e);
        return Response.created(uri.getAbsolutePathBuilder().path(enrolled.usubjid()).build()).entity(enrolled).build();
    }

    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    @GET
    @Path("{usubjid}")
    public CasebookService.Casebook casebook(@PathParam("usubjid") String usubjid) {
        return casebooks.casebook(study, usubjid);
    }

    /** Corrections of the subject, and the first dose. */
    public record SubjectRequest(Long version, String consentDate, String firstDoseDate, String sex, Integer age, String reason) {}

    @Allowed(Role.COORDINATOR)
    @PUT
    @Path("{usubjid}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CasebookService.SubjectView update(@PathParam("usubjid") String usubjid, SubjectRequest request) {
        Inputs.body(request);
        FieldErrors errors = new FieldErrors();
        SubjectService.SubjectChange change = new SubjectService.SubjectChange(request.version(),
                errors.date("consentDate", request.consentDate()), errors.date("firstDoseDate", request.firstDoseDate()),
                Inputs.enumValue(errors, "sex", request.sex(), Sex.class), request.age(),
                Inputs.reason(request.reason(), reasonHeader));
        errors.throwIfAny();
        subjects.update(study, usubjid, change);
        return casebooks.casebook(study, usubjid).subject();
    }

    // ---- visits

    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    @GET
    @Path("{usubjid}/visits")
    public List<CasebookService.ScheduleLine> schedule(@PathParam("usubjid") String usubjid) {
        return casebooks.casebook(study, usubjid).schedule();
    }

    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    @GET
    @Path("{usubjid}/visits/{visitnum}")
    public VisitEntryView visit(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum) {
        return visits.view(study, usubjid, Inputs.visitNumber(visitnum));
    }

    /** A result as entered: the test code, the value as written, its unit (default: the standard unit). */
    public record ResultItem(String test, String value, String unit) {}

    /** A lesion line: see docs/api.md. */
    public record LesionItem(String id, String kind, String location, String value, String unit, String state) {}

    /** A visit's entry form, or part of it: what is left out stays as stored. */
    public record VisitRequest(Long version, String status, String date, List<ResultItem> results, List<LesionItem> lesions,
            String response, String reason) {}

    /**
     * Saves the form; answers with the form as stored now, or, with {@code Prefer: return=minimal}
     * (RFC 7240), with the new version only.
     */
    @Allowed({Role.COORDINATOR, Role.INVESTIGATOR})
    @PUT
    @Path("{usubjid}/visits/{visitnum}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum,
            VisitRequest request) {
        if (prefer != null && prefer.contains("return=minimal")) {
            return Response.ok(entries.saveBriefly(study, usubjid, Inputs.visitNumber(visitnum), entry(request)))
                    .header("Preference-Applied", "return=minimal").build();
        }
        return Response.ok(entries.save(study, usubjid, Inputs.visitNumber(visitnum), entry(request))).build();
    }

    /**
     * Records the form, as PUT does. For a first entry, which needs no reason: the REST boundary
     * asks every PUT for one, a POST only when the save changes recorded data.
     */
    @POST
    @Path("{usubjid}/visits/{visitnum}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.COORDINATOR, Role.INVESTIGATOR})
    public Response record(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum,
            VisitRequest request) {
        return save(usubjid, visitnum, request);
    }

    /** Results only (the visit's date may come along for a visit not yet recorded). */
    public record ResultsRequest(Long version, String date, List<ResultItem> results, String reason) {}

    @Allowed(Role.COORDINATOR)
    @PUT
    @Path("{usubjid}/visits/{visitnum}/results")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response saveResults(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum,
            ResultsRequest request) {
        Inputs.body(request);
        return save(usubjid, visitnum, new VisitRequest(request.version(), null, request.date(),
                request.results() == null ? List.of() : request.results(), null, null, request.reason()));
    }

    @Allowed(Role.COORDINATOR)
    @POST
    @Path("{usubjid}/visits/{visitnum}/results")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addResults(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum,
            ResultsRequest request) {
        return saveResults(usubjid, visitnum, request);
    }

    /** Lesions identified at the visit and readings of lesions at it. */
    public record LesionsRequest(Long version, String date, List<LesionItem> lesions, String reason) {}

    @Allowed(Role.COORDINATOR)
    @PUT
    @Path("{usubjid}/visits/{visitnum}/lesions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response saveLesions(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum,
            LesionsRequest request) {
        Inputs.body(request);
        return save(usubjid, visitnum, new VisitRequest(request.version(), null, request.date(),
                null, request.lesions() == null ? List.of() : request.lesions(), null, request.reason()));
    }

    @Allowed(Role.COORDINATOR)
    @POST
    @Path("{usubjid}/visits/{visitnum}/lesions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addLesions(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum,
            LesionsRequest request) {
        return saveLesions(usubjid, visitnum, request);
    }

    /** The investigator's overall response at the visit. */
    public record ResponseRequest(Long version, String response, String reason) {}

    @Allowed({Role.COORDINATOR, Role.INVESTIGATOR})
    @PUT
    @Path("{usubjid}/visits/{visitnum}/response")
    @Consumes(MediaType.APPLICATION_JSON)
    public VisitEntryView saveResponse(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum,
            ResponseRequest request) {
        Inputs.body(request);
        FieldErrors errors = new FieldErrors();
        if (request.response() == null || request.response().isBlank()) {
            errors.add("response", "the response is required: CR, PR, MR, SD, PD or NE");
        }
        ResponseCategory response = Inputs.enumValue(errors, "response", request.response(), ResponseCategory.class);
        errors.throwIfAny();
        return entries.save(study, usubjid, Inputs.visitNumber(visitnum),
                VisitEntry.response(request.version(), response, Inputs.reason(request.reason(), reasonHeader)));
    }

    /** The investigator's first response at a visit (no reason needed), as PUT does. */
    @POST
    @Path("{usubjid}/visits/{visitnum}/response")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed({Role.COORDINATOR, Role.INVESTIGATOR})
    public VisitEntryView recordResponse(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum,
            ResponseRequest request) {
        return saveResponse(usubjid, visitnum, request);
    }

    /** What the draft would give, nothing saved: the computed response, standardised values, problems. */
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    @POST
    @Path("{usubjid}/visits/{visitnum}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public VisitEntryReader.Preview preview(@PathParam("usubjid") String usubjid, @PathParam("visitnum") String visitnum,
            VisitRequest request) {
        return visits.preview(study, usubjid, Inputs.visitNumber(visitnum), entry(request));
    }

    private VisitEntry entry(VisitRequest request) {
        Inputs.body(request);
        FieldErrors errors = new FieldErrors();
        VisitStatus status = Inputs.enumValue(errors, "status", request.status(), VisitStatus.class);
        ResponseCategory response = Inputs.enumValue(errors, "response", request.response(), ResponseCategory.class);
        List<ResultEntry> results = request.results() == null ? null
                : request.results().stream().map(r -> new ResultEntry(r.test(), r.value(), r.unit())).toList();
        List<LesionEntry> lesions = null;
        if (request.lesions() != null) {
            lesions = request.lesions().stream().map(l -> new LesionEntry(l.id(),
                    Inputs.enumValue(errors, "lesions[" + (l.id() == null ? "" : l.id()) + "].kind", l.kind(), LesionKind.class),
                    l.location(), l.value(), l.unit(), l.state())).toList();
        }
        VisitEntry entry = new VisitEntry(request.version(), status, errors.date("date", request.date()), results, lesions,
                response, Inputs.reason(request.reason(), reasonHeader));
        errors.throwIfAny();
        return entry;
    }

    // ---- adverse events

    /** An adverse event as entered; version and reason for a correction. */
    public record AdverseEventRequest(String term, String decodedTerm, Integer grade, Boolean serious, Boolean related,
            String start, String end, Long version, String reason) {}

    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    @GET
    @Path("{usubjid}/adverse-events")
    public List<AdverseEventService.View> adverseEvents(@PathParam("usubjid") String usubjid) {
        return adverseEvents.list(study, usubjid);
    }

    @Allowed(Role.COORDINATOR)
    @POST
    @Path("{usubjid}/adverse-events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response recordAdverseEvent(@PathParam("usubjid") String usubjid, AdverseEventRequest request, @Context UriInfo uri) {
        AdverseEventService.View view = adverseEvents.record(study, usubjid, adverseEvent(request));
        return Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(view.seq())).build()).entity(view).build();
    }

    @Allowed(Role.COORDINATOR)
    @PUT
    @Path("{usubjid}/adverse-events/{seq}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AdverseEventService.View correctAdverseEvent(@PathParam("usubjid") String usubjid, @PathParam("seq") int seq,
            AdverseEventRequest request) {
        return adverseEvents.correct(study, usubjid, seq, adverseEvent(request));
    }

    private AdverseEventService.Entry adverseEvent(AdverseEventRequest r) {
        Inputs.body(r);
        FieldErrors errors = new FieldErrors();
        AdverseEventService.Entry entry = new AdverseEventService.Entry(r.term(), r.decodedTerm(), r.grade(), r.serious(),
                r.related(), errors.date("start", r.start()), errors.date("end", r.end()), r.version(),
                Inputs.reason(r.reason(), reasonHeader));
        errors.throwIfAny();
        return entry;
    }

    // ---- disposition

    /** A disposition event: PROGRESSIVE DISEASE, DEATH, WITHDRAWAL BY SUBJECT, ...; version and reason for a correction. */
    public record DispositionRequest(String event, String term, String date, Long version, String reason) {}

    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    @GET
    @Path("{usubjid}/disposition")
    public List<DispositionService.View> dispositions(@PathParam("usubjid") String usubjid) {
        return dispositions.list(study, usubjid);
    }

    @Allowed(Role.COORDINATOR)
    @POST
    @Path("{usubjid}/disposition")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response recordDisposition(@PathParam("usubjid") String usubjid, DispositionRequest request, @Context UriInfo uri) {
        DispositionService.View view = dispositions.record(study, usubjid, disposition(request));
        return Response.created(uri.getAbsolutePathBuilder().path(Integer.toString(view.seq())).build()).entity(view).build();
    }

    @Allowed(Role.COORDINATOR)
    @PUT
    @Path("{usubjid}/disposition/{seq}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DispositionService.View correctDisposition(@PathParam("usubjid") String usubjid, @PathParam("seq") int seq,
            DispositionRequest request) {
        return dispositions.correct(study, usubjid, seq, disposition(request));
    }

    private DispositionService.Entry disposition(DispositionRequest r) {
        Inputs.body(r);
        FieldErrors errors = new FieldErrors();
        DispositionService.Entry entry = new DispositionService.Entry(r.event(), r.term(), errors.date("date", r.date()),
                r.version(), Inputs.reason(r.reason(), reasonHeader));
        errors.throwIfAny();
        return entry;
    }
}

package org.cytotrial.web.analytics;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.cytotrial.analytics.MarkerAnalytics;
import org.cytotrial.analytics.MarkerFilter;
import org.cytotrial.analytics.OutcomeAnalytics;
import org.cytotrial.analytics.PfsGrouping;
import org.cytotrial.analytics.Validation;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.security.Role;
import org.cytotrial.web.api.Allowed;

/**
 * A study's numbers: per-arm summary, marker summaries and the analyses (Spearman,
 * Mann-Whitney, PFS with log-rank). Parameters arrive as text and are checked by the services,
 * so that a wrong one is a 422 naming what is accepted.
 */
@Path("studies")
@ServerTimed
@Allowed({Role.ADMIN, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    @Inject
    private OutcomeAnalytics outcomes;

    @Inject
    private MarkerAnalytics markers;

    @GET
    @Path("{code}/summary")
    public AnalyticsViews.Summary summary(@PathParam("code") String code) {
        return AnalyticsViews.Summary.of(outcomes.summary(code));
    }

    /**
     * @param tests          marker codes (repeat the parameter, or separate by commas); all by default
     * @param includeDerived "true" to include derived tests (the CD4/CD8 ratio)
     */
    @GET
    @Path("{code}/markers")
    public List<AnalyticsViews.Marker> markers(@PathParam("code") String code, @QueryParam("test") List<String> tests,
            @QueryParam("includeDerived") String includeDerived) {
        List<String> wanted = new ArrayList<>();
        for (String t : tests) {
            for (String part : t.split(",")) {
                if (!part.isBlank()) {
                    wanted.add(part.strip());
                }
            }
        }
        MarkerFilter filter = new MarkerFilter(wanted, flag("includeDerived", includeDerived));
        return markers.summaries(code, filter).stream().map(AnalyticsViews.Marker::of).toList();
    }

    @GET
    @Path("{code}/analyses/spearman")
    public AnalyticsViews.Spearman spearman(@PathParam("code") String code, @QueryParam("x") String x,
            @QueryParam("y") String y, @QueryParam("visitnum") String visitnum, @QueryParam("arm") String arm) {
        BigDecimal visit = Validation.visitNumber("visitnum", visitnum, BigDecimal.ONE);
        return AnalyticsViews.Spearman.of(markers.spearman(code, x, y, visit, arm));
    }

    @GET
    @Path("{code}/analyses/mann-whitney")
    public AnalyticsViews.MannWhitney mannWhitney(@PathParam("code") String code, @QueryParam("test") String test,
            @QueryParam("visitnum") String visitnum, @QueryParam("arm1") String arm1, @QueryParam("arm2") String arm2) {
        BigDecimal visit = Validation.visitNumber("visitnum", visitnum, BigDecimal.ONE);
        return AnalyticsViews.MannWhitney.of(markers.mannWhitney(code, test, visit, arm1, arm2));
    }

    /**
     * PFS by arm ({@code groupBy=arm}, the default) or split by a marker's value at a visit
     * ({@code marker=IL6&cutoff=4&visitnum=1}: above the cut-off vs the rest).
     */
    @GET
    @Path("{code}/analyses/pfs")
    public AnalyticsViews.Pfs pfs(@PathParam("code") String code, @QueryParam("groupBy") String groupBy,
            @QueryParam("marker") String marker, @QueryParam("cutoff") String cutoff,
            @QueryParam("visitnum") String visitnum) {
        return AnalyticsViews.Pfs.of(outcomes.pfs(code, grouping(groupBy, marker, cutoff, visitnum)));
    }

    static PfsGrouping grouping(String groupBy, String marker, String cutoff, String visitnum) {
        boolean byMarker = marker != null && !marker.isBlank();
        if (groupBy != null && !groupBy.isBlank() && !groupBy.strip().equals("arm")
                && !(groupBy.strip().equals("marker") && byMarker)) {
            throw new InvalidInputException("groupBy", "'" + groupBy + "' is not a grouping; use groupBy=arm, or "
                    + "marker=CODE&cutoff=VALUE&visitnum=N for a marker cut-off");
        }
        if (!byMarker) {
            if (cutoff != null && !cutoff.isBlank()) {
                throw new InvalidInputException("marker", "a cut-off needs the marker it applies to (marker=IL6)");
            }
            return PfsGrouping.BY_ARM;
        }
        return new PfsGrouping(marker.strip(), Validation.number("cutoff", cutoff),
                Validation.visitNumber("visitnum", visitnum, BigDecimal.ONE));
    }

    static boolean flag(String field, String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (text.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidInputException(field, "'" + text + "' is not true or false");
    }
}

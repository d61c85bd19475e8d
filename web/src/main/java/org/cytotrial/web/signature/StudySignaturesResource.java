package org.cytotrial.web.signature;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.cytotrial.security.Role;
import org.cytotrial.signature.SignatureOverview;
import org.cytotrial.signature.SignatureService;
import org.cytotrial.web.api.Allowed;

/** The study's subjects, as far as the caller sees them, with the state of their signatures (paged). */
@Path("studies/{code}/signatures")
@RequestScoped
public class StudySignaturesResource {

    @Inject
    private SignatureService signatures;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public SignatureOverview overview(@PathParam("code") String code, @QueryParam("first") @DefaultValue("0") int first,
            @QueryParam("max") @DefaultValue("100") int max) {
        return signatures.overview(code, first, max);
    }
}

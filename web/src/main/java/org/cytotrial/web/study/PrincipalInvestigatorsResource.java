package org.cytotrial.web.study;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.cytotrial.security.Role;
import org.cytotrial.study.PrincipalInvestigatorService;
import org.cytotrial.study.PrincipalInvestigatorService.View;
import org.cytotrial.web.api.Allowed;

/**
 * A study's principal investigators. Naming and removing change who sees which subjects, so both
 * need a reason (the X-Change-Reason header or a JSON body {"reason": "…"}), which
 * ChangeReasonFilter hands to the service.
 */
@Path("studies/{code}/principal-investigators")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PrincipalInvestigatorsResource {

    @Inject
    private PrincipalInvestigatorService investigators;

    @GET
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public List<View> list(@PathParam("code") String code) {
        return investigators.list(code);
    }

    @PUT
    @Path("{username}")
    @Allowed(Role.ADMIN)
    public List<View> name(@PathParam("code") String code, @PathParam("username") String username) {
        return investigators.name(code, username, null);
    }

    @DELETE
    @Path("{username}")
    @Allowed(Role.ADMIN)
    public List<View> remove(@PathParam("code") String code, @PathParam("username") String username) {
        return investigators.remove(code, username, null);
    }
}

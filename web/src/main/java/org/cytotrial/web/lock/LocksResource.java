package org.cytotrial.web.lock;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.cytotrial.lock.DataLockService;
import org.cytotrial.lock.LockRequest;
import org.cytotrial.lock.LockView;
import org.cytotrial.security.Role;
import org.cytotrial.web.api.Allowed;
import org.cytotrial.web.api.JsonBody;

/** Data locks of a study: list, lock (study, site or subject at a cut-off), unlock. */
@Path("studies/{code}/locks")
@RequestScoped
public class LocksResource {

    @Inject
    private DataLockService locks;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public List<LockView> list(@PathParam("code") String code) {
        return locks.locks(code);
    }

    /** Body: {"level":"STUDY|SITE|SUBJECT","site":"…","subject":"…","cutOff":"2024-06-30","reason":"…"}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Role.ADMIN)
    public Response lock(@PathParam("code") String code, String body, @Context UriInfo uri) {
        JsonBody json = JsonBody.parse(body);
        LockView lock = locks.lock(code, new LockRequest(json.text("level"), json.text("site"), json.text("subject"),
                json.date("cutOff"), json.text("reason")));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(lock.id())).build()).entity(lock).build();
    }

    /** Lifts a lock; the reason comes as the X-Change-Reason header or a "reason" field of a JSON body. */
    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Role.ADMIN)
    public LockView unlock(@PathParam("code") String code, @PathParam("id") long id) {
        return locks.unlock(code, id, null);
    }
}

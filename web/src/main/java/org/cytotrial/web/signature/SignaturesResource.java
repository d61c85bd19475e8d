package org.cytotrial.web.signature;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.cytotrial.security.Role;
import org.cytotrial.signature.SignatureService;
import org.cytotrial.signature.SignatureView;
import org.cytotrial.signature.SubjectSignatures;
import org.cytotrial.web.api.Allowed;
import org.cytotrial.web.api.JsonBody;

/** A subject's electronic signatures: read them with their status, or sign (investigators). */
@Path("studies/{code}/subjects/{usubjid}/signatures")
@RequestScoped
public class SignaturesResource {

    @Inject
    private SignatureService signatures;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed({Role.ADMIN, Role.COORDINATOR, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR})
    public SubjectSignatures list(@PathParam("code") String code, @PathParam("usubjid") String usubjid) {
        return signatures.signatures(code, usubjid);
    }

    /** Body: {"scope":"RESPONSES|CASEBOOK","password":"…"}: the signer re-enters the password. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Allowed(Role.INVESTIGATOR)
    public Response sign(@PathParam("code") String code, @PathParam("usubjid") String usubjid, String body) {
        JsonBody json = JsonBody.parse(body);
        String password = json.text("password");
        SignatureView signature = signatures.sign(code, usubjid, json.text("scope"),
                password == null ? null : password.toCharArray());
        return Response.status(Response.Status.CREATED).entity(signature).build();
    }

}

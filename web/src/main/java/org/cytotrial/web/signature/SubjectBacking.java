package org.cytotrial.web.signature;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.signature.SignatureScope;
import org.cytotrial.signature.SignatureService;
import org.cytotrial.signature.SignatureView;
import org.cytotrial.signature.SignedResponse;
import org.cytotrial.signature.SubjectSignatures;

/**
 * A subject's signatures (signature/subject.xhtml?study=…&amp;subject=…): the response
 * assessments a signature covers, every signature with its status, and for investigators the
 * signing form (meaning shown, password re-entered).
 */
@Named
@ViewScoped
public class SubjectBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    private transient SignatureService service;

    private String study;
    private String subject;
    private SubjectSignatures signatures;
    private List<SignedResponse> responses;
    private SignatureScope scope = SignatureScope.RESPONSES;
    private String password;

    public void open() {
        if (study == null || subject == null) {
            throw new NotFoundException("Open a subject's signatures from the study's signature list");
        }
        reload();
    }

    private void reload() {
        signatures = service.signatures(study, subject);
        responses = service.responses(study, subject);
    }

    public void sign() {
        try {
            SignatureView signed = service.sign(study, subject, scope.name(), password == null ? null : password.toCharArray());
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "Signed by " + signed.signerName() + " at " + time(signed.signedAt()) + ": " + signed.meaning(), null));
            reload();
        } finally {
            password = null;
        }
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public SignatureScope[] getScopes() {
        return SignatureScope.values();
    }

    public SubjectSignatures getSignatures() {
        return signatures;
    }

    public List<SignedResponse> getResponses() {
        return responses;
    }

    /** The latest signatures that no longer hold: shown as a warning above everything else. */
    public List<SignatureView> getInvalid() {
        return signatures.signatures().stream().filter(s -> s.status() == org.cytotrial.signature.SignatureStatus.INVALID).toList();
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public SignatureScope getScope() {
        return scope;
    }

    public void setScope(SignatureScope scope) {
        this.scope = scope;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}

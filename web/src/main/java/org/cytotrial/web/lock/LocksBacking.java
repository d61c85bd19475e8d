package org.cytotrial.web.lock;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.cytotrial.lock.DataLockService;
import org.cytotrial.lock.LockLevel;
import org.cytotrial.lock.LockRequest;
import org.cytotrial.lock.LockView;
import org.cytotrial.platform.NotFoundException;

/**
 * Data locks of a study (admin/locks.xhtml?study=…): the locks so far, locking the study, a site
 * or a subject at a data cut-off, and unlocking; each with a reason.
 */
@Named
@ViewScoped
public class LocksBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    private transient DataLockService service;

    private String study;
    private List<LockView> locks;
    private List<String> sites;

    private LockLevel level = LockLevel.STUDY;
    private String site;
    private String subject;
    private LocalDate cutOff = LocalDate.now(ZoneOffset.UTC);
    private String reason;

    private Long unlockId;
    private String unlockReason;

    public void open() {
        if (study == null) {
            throw new NotFoundException("Open the locks from a study");
        }
        sites = service.siteCodes(study);
        reload();
    }

    private void reload() {
        locks = service.locks(study);
    }

    public void lock() {
        LockView lock = service.lock(study, new LockRequest(level.name(), level == LockLevel.SITE ? site : null,
                level == LockLevel.SUBJECT ? subject : null, cutOff, reason));
        message("Locked " + describe(lock) + " at data cut-off " + lock.cutOff() + ".");
        reason = null;
        reload();
    }

    public void unlock() {
        if (unlockId == null) {
            throw new org.cytotrial.platform.InvalidInputException("lock", "choose the lock to lift");
        }
        LockView lock = service.unlock(study, unlockId, unlockReason);
        message("Unlocked " + describe(lock) + ".");
        unlockId = null;
        unlockReason = null;
        reload();
    }

    public String describe(LockView lock) {
        return switch (lock.level()) {
            case "SITE" -> "site " + lock.site();
            case "SUBJECT" -> "subject " + lock.subject();
            default -> "the study";
        };
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static void message(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    public List<LockView> getActive() {
        return locks.stream().filter(LockView::active).toList();
    }

    public LockLevel[] getLevels() {
        return LockLevel.values();
    }

    public List<LockView> getLocks() {
        return locks;
    }

    public List<String> getSites() {
        return sites;
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public LockLevel getLevel() {
        return level;
    }

    public void setLevel(LockLevel level) {
        this.level = level;
    }

    public String getSite() {
        return site;
    }

    public void setSite(String site) {
        this.site = site;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public LocalDate getCutOff() {
        return cutOff;
    }

    public void setCutOff(LocalDate cutOff) {
        this.cutOff = cutOff;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Long getUnlockId() {
        return unlockId;
    }

    public void setUnlockId(Long unlockId) {
        this.unlockId = unlockId;
    }

    public String getUnlockReason() {
        return unlockReason;
    }

    public void setUnlockReason(String unlockReason) {
        this.unlockReason = unlockReason;
    }
}

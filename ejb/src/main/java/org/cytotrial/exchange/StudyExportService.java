package org.cytotrial.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.cytotrial.security.AccessPolicy;
import org.cytotrial.security.Role;
import org.cytotrial.security.UserAccount;
import org.cytotrial.study.Study;
import org.cytotrial.study.StudyService;
import org.hibernate.Session;

/**
 * Exports a study as SDTM CSV in a zip. Investigators and monitors get their sites' subjects as
 * recorded; sponsors get all sites, pseudonymised ({@link UserAccount#isPseudonymised}, the one
 * rule for every export); administrators everything.
 */
@ApplicationScoped
public class StudyExportService {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AccessPolicy access;

    @Inject
    private StudyService studies;

    /** Checks access first, so that a refusal is an HTTP error rather than a broken download. */
    public Study prepareSdtm(String studyCode) {
        access.requireRole(Role.ADMIN, Role.INVESTIGATOR, Role.SPONSOR, Role.MONITOR);
        return studies.requireVisible(studyCode);
    }

    @Transactional
    public void writeSdtm(String studyCode, OutputStream out) {
        Study study = prepareSdtm(studyCode);
        UserAccount user = access.requireUser();
        boolean pseudonymised = user.isPseudonymised();
        var sites = access.visibleSites(study).orElse(null);
        em.unwrap(Session.class).doWork(connection -> {
            try {
                new SdtmExporter(connection, study.getId(), study.getCode(), pseudonymised, sites).write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

}

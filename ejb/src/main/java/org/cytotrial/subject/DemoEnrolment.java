package org.cytotrial.subject;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.cytotrial.audit.AuditContext;
import org.cytotrial.platform.AppInfo;
import org.cytotrial.platform.DemoData;
import org.cytotrial.security.CurrentUser;
import org.cytotrial.study.EligibilityCriterion.Category;
import org.cytotrial.study.StudyService;
import org.cytotrial.study.StudySetupService;
import org.cytotrial.study.StudySetupService.Criterion;

/**
 * Demo mode only: gives the demo studies what enrolment needs and SDTM does not carry, an
 * eligibility checklist taken from the papers' populations, and makes RECIST-DEMO randomised
 * (permuted blocks of 4 by site), so that a coordinator can enrol into both at once.
 */
@Singleton
@Startup
@DependsOn("DemoData")
@TransactionManagement(TransactionManagementType.BEAN)
public class DemoEnrolment {

    private static final Logger LOG = Logger.getLogger(DemoEnrolment.class.getName());

    @Inject
    private RequestContextController requestContext;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private StudyService studies;

    @Inject
    private StudySetupService setup;

    @PostConstruct
    void load() {
        if (!AppInfo.isDemoMode()) {
            return;
        }
        boolean activated = requestContext.activate();
        AuditContext.begin(AuditContext.SYSTEM_USER, null);
        try {
            currentUser.actAsSystem();
            checklist("IL2-MM", List.of(
                    new Criterion("IN01", Category.INCLUSION, "Advanced multiple myeloma (Durie-Salmon stage II or III)"),
                    new Criterion("IN02", Category.INCLUSION, "Progression after at least one line of standard chemotherapy"),
                    new Criterion("IN03", Category.INCLUSION, "Measurable serum M-protein"),
                    new Criterion("EX01", Category.EXCLUSION, "Active infection or severe organ dysfunction"),
                    new Criterion("EX02", Category.EXCLUSION, "Cytotoxic therapy within the last 4 weeks")));
            checklist("RECIST-DEMO", List.of(
                    new Criterion("IN01", Category.INCLUSION, "Metastatic solid tumour, refractory to standard therapy"),
                    new Criterion("IN02", Category.INCLUSION, "At least one lesion measurable by RECIST 1.1"),
                    new Criterion("IN03", Category.INCLUSION, "ECOG performance status 0 to 2"),
                    new Criterion("EX01", Category.EXCLUSION, "Known hypersensitivity to tocilizumab"),
                    new Criterion("EX02", Category.EXCLUSION, "Active infection, including hepatitis B or C")));
            if (studies.findByCode("RECIST-DEMO").filter(s -> !s.isRandomised()).isPresent()) {
                AuditContext.current().setReason("Demo: permuted-block randomisation by site");
                setup.configureRandomisation("RECIST-DEMO", 4, null, null);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "The demo's enrolment set-up was not completed: " + e);
        } finally {
            AuditContext.end();
            if (activated) {
                requestContext.deactivate();
            }
        }
    }

    private void checklist(String study, List<Criterion> criteria) {
        if (DemoData.DEMO_STUDIES.contains(study) && studies.findByCode(study).isPresent()
                && setup.criteria(study).isEmpty()) {
            setup.defineCriteria(study, criteria, null);
        }
    }
}

package org.cytotrial.web.study;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.cytotrial.study.StudyOverview;
import org.cytotrial.study.StudyService;

/** The studies list (index.xhtml). */
@Named
@ViewScoped
public class StudiesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient StudyService studies;

    private List<StudyOverview> visible;

    public List<StudyOverview> getStudies() {
        if (visible == null) {
            visible = studies.visibleStudies();
        }
        return visible;
    }
}

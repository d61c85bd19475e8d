package org.cytotrial.web.coordinator;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.cytotrial.security.CurrentUser;
import org.cytotrial.security.Role;
import org.cytotrial.study.StudyOverview;
import org.cytotrial.subject.SubjectQueries;
import org.cytotrial.subject.SubjectRow;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The subject list of a study (coordinator/subjects.xhtml?study=...): a lazy table that asks the
 * database for one page at a time, sorted and filtered there, so it stays fast at any size.
 */
@Named
@ViewScoped
public class SubjectsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient SubjectQueries queries;

    @Inject
    private transient CurrentUser currentUser;

    private String study;
    private StudyOverview overview;
    private final Model model = new Model();

    /** Loads the study once per view; an invisible study answers 404 like a missing one. */
    public void load() {
        if (overview == null) {
            overview = queries.study(study);
        }
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }

    public StudyOverview getOverview() {
        return overview;
    }

    public String getSitesText() {
        return overview == null ? "" : String.join(", ", overview.sites());
    }

    public boolean isMayEnrol() {
        return currentUser.account().map(a -> a.has(Role.COORDINATOR)).orElse(false);
    }

    public LazyDataModel<SubjectRow> getModel() {
        return model;
    }

    /** A subject's standing in words ("off study"), which may wrap in a narrow column, unlike OFF_STUDY. */
    public String standing(SubjectRow row) {
        return row.getStanding() == null ? "" : row.getStanding().name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
    }

    public List<String> getSexes() {
        return List.of("M", "F", "U");
    }

    /** One page from the database per request of the table. */
    private final class Model extends LazyDataModel<SubjectRow> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) queries.count(study, filter(filterBy));
        }

        @Override
        public List<SubjectRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            SortMeta sort = sortBy.values().stream().filter(SortMeta::isActive).findFirst().orElse(null);
            return queries.rows(study, filter(filterBy), sort == null ? null : sort.getField(),
                    sort == null || sort.getOrder() != SortOrder.DESCENDING, first, Math.max(1, pageSize));
        }

        private SubjectQueries.Filter filter(Map<String, FilterMeta> filterBy) {
            return new SubjectQueries.Filter(text(filterBy, "usubjid"), text(filterBy, "site"), text(filterBy, "arm"),
                    text(filterBy, "sex"));
        }

        private String text(Map<String, FilterMeta> filters, String field) {
            FilterMeta meta = filters.get(field);
            Object value = meta == null ? null : meta.getFilterValue();
            return value == null ? null : value.toString();
        }

        @Override
        public String getRowKey(SubjectRow row) {
            return row.getUsubjid();
        }

        @Override
        public SubjectRow getRowData(String rowKey) {
            return null;
        }
    }
}

package org.cytotrial.web.signature;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.cytotrial.platform.NotFoundException;
import org.cytotrial.signature.SignatureOverview;
import org.cytotrial.signature.SignatureService;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** A study's subjects with the state of their signatures (signature/overview.xhtml?study=…), paged. */
@Named
@ViewScoped
public class OverviewBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Inject
    private transient SignatureService service;

    private String study;
    private final Rows rows = new Rows();

    public void open() {
        if (study == null) {
            throw new NotFoundException("Open the signatures from a study");
        }
        service.overview(study, 0, 1);
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public LazyDataModel<SignatureOverview.Row> getRows() {
        return rows;
    }

    private final class Rows extends LazyDataModel<SignatureOverview.Row> {
        private static final long serialVersionUID = 1L;
        private SignatureOverview last;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) service.overview(study, 0, 1).total();
        }

        @Override
        public List<SignatureOverview.Row> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            last = service.overview(study, first, Math.min(pageSize, 500));
            return last.rows();
        }

        @Override
        public String getRowKey(SignatureOverview.Row row) {
            return row.usubjid();
        }

        @Override
        public SignatureOverview.Row getRowData(String rowKey) {
            return last == null ? null : last.rows().stream().filter(r -> r.usubjid().equals(rowKey)).findFirst().orElse(null);
        }
    }

    public String getStudy() {
        return study;
    }

    public void setStudy(String study) {
        this.study = study;
    }
}

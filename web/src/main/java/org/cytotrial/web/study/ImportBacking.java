package org.cytotrial.web.study;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import org.cytotrial.exchange.ImportProblem;
import org.cytotrial.exchange.ImportSummary;
import org.cytotrial.exchange.StudyImportRejectedException;
import org.cytotrial.exchange.StudyImportService;
import org.primefaces.model.file.UploadedFile;

/** An administrator uploads a study as an SDTM zip (admin/import.xhtml). */
@Named
@ViewScoped
public class ImportBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient StudyImportService importer;

    private transient UploadedFile file;
    private String studyCode;
    private ImportSummary summary;
    private List<ImportProblem> problems = List.of();
    private long totalProblems;

    public void upload() {
        summary = null;
        problems = List.of();
        totalProblems = 0;
        FacesContext faces = FacesContext.getCurrentInstance();
        if (file == null || file.getSize() == 0) {
            faces.addMessage("importForm:file", new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Choose a zip of SDTM CSV files to upload.", null));
            return;
        }
        try (InputStream in = file.getInputStream()) {
            summary = importer.importStudy(in, studyCode, "upload " + file.getFileName());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    "Study " + summary.study() + " imported: " + summary.subjects() + " subjects.", null));
            summary.columnsNotKept().forEach((fileName, columns) -> faces.addMessage(null, new FacesMessage(
                    FacesMessage.SEVERITY_WARN, fileName + ": standard SDTM columns not kept: " + String.join(", ", columns),
                    null)));
        } catch (StudyImportRejectedException e) {
            problems = e.getProblems();
            totalProblems = e.getTotal();
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                    "Nothing was imported: " + e.getTotal() + (e.getTotal() == 1 ? " problem" : " problems")
                            + " found. Correct them and upload again.", null));
        } catch (IOException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "The upload could not be read: "
                    + e.getMessage(), null));
        }
    }

    public UploadedFile getFile() {
        return file;
    }

    public void setFile(UploadedFile file) {
        this.file = file;
    }

    public String getStudyCode() {
        return studyCode;
    }

    public void setStudyCode(String studyCode) {
        this.studyCode = studyCode == null || studyCode.isBlank() ? null : studyCode.strip();
    }

    public ImportSummary getSummary() {
        return summary;
    }

    public List<ImportProblem> getProblems() {
        return problems;
    }

    public long getTotalProblems() {
        return totalProblems;
    }
}

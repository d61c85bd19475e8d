package org.cytotrial.exchange;

import jakarta.ejb.ApplicationException;
import java.util.List;

/** The import was refused; nothing was stored. Carries every problem found (up to a limit). */
@ApplicationException(rollback = true)
public class StudyImportRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ImportProblem> problems;
    private final long total;

    public StudyImportRejectedException(List<ImportProblem> problems, long total) {
        super(summary(problems, total));
        this.problems = List.copyOf(problems);
        this.total = total;
    }

    public static StudyImportRejectedException of(ImportProblem problem) {
        return new StudyImportRejectedException(List.of(problem), 1);
    }

    private static String summary(List<ImportProblem> problems, long total) {
        String first = problems.isEmpty() ? "" : ": " + problems.get(0);
        return "The study was not imported; " + total + (total == 1 ? " problem" : " problems") + " found" + first;
    }

    public List<ImportProblem> getProblems() {
        return problems;
    }

    public long getTotal() {
        return total;
    }
}

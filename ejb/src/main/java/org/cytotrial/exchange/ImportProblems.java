package org.cytotrial.exchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem of an import instead of stopping at the first, so that one round of
 * corrections fixes the file. Past a limit only the count grows: a file with a million bad rows
 * must not produce a million-line answer.
 */
public final class ImportProblems {

    public static final int DEFAULT_LIMIT = 1000;

    private final List<ImportProblem> problems = new ArrayList<>();
    private final int limit;
    private long total;

    public ImportProblems() {
        this(DEFAULT_LIMIT);
    }

    public ImportProblems(int limit) {
        this.limit = limit;
    }

    public void add(ImportProblem problem) {
        total++;
        if (problems.size() < limit) {
            problems.add(problem);
        }
    }

    public void add(String file, Integer line, String column, String reason) {
        add(new ImportProblem(file, line, column, reason));
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public long total() {
        return total;
    }

    public List<ImportProblem> listed() {
        return Collections.unmodifiableList(problems);
    }

    /** Throws {@link StudyImportRejectedException} when any problem was found. */
    public void throwIfAny() {
        if (total > 0) {
            throw new StudyImportRejectedException(listed(), total);
        }
    }
}

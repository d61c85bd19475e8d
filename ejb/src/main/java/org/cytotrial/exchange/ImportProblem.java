package org.cytotrial.exchange;

/**
 * One reason an import was refused: where (file, line — the header is line 1 — and column) and
 * why, in words a data manager can act on. File, line or column are null where they do not apply.
 */
public record ImportProblem(String file, Integer line, String column, String reason) {

    public static ImportProblem ofUpload(String reason) {
        return new ImportProblem(null, null, null, reason);
    }

    public static ImportProblem ofFile(String file, String reason) {
        return new ImportProblem(file, null, null, reason);
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder();
        if (file != null) {
            where.append(file);
        }
        if (line != null) {
            where.append(" line ").append(line);
        }
        if (column != null) {
            where.append(" column ").append(column);
        }
        return where.isEmpty() ? reason : where + ": " + reason;
    }
}

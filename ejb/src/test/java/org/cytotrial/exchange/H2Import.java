package org.cytotrial.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cytotrial.marker.MarkerCatalogue;
import org.cytotrial.study.ResponseCriteria;
import org.cytotrial.study.Study;
import org.cytotrial.testing.H2Schema;

/**
 * A study zip through the real import (StudyValidator, then StudyWriter's JDBC batches) into a
 * fresh in-memory H2 database migrated by the real migrations. Only the study, arm and site rows,
 * which the import service persists with JPA, are written here with plain SQL.
 */
public final class H2Import {

    /** The imported study on its own connection. */
    public record Loaded(Connection connection, long studyId, String code, Map<String, Long> armIds,
            Map<String, Long> siteIds) {}

    private H2Import() {
    }

    public static Loaded load(Path zip) throws IOException, SQLException {
        MarkerCatalogue catalogue = H2Schema.catalogue();
        ImportProblems problems = new ImportProblems();
        try (StudyArchive archive = StudyArchive.open(zip, Files.size(zip), StudyArchive.Limits.DEFAULT, problems)) {
            StudyPlan plan = new StudyValidator(catalogue, c -> false, problems).validate(archive, null);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("import refused: " + problems.listed());
            }
            Connection c = DriverManager.getConnection(H2Schema.migrate("import-" + plan.studyCode + "-" + System.nanoTime()),
                    "sa", "");
            String sdMinDays = parameter(plan, "SDMINDY");
            long studyId = 1;
            exec(c, "insert into study (id, code, title, response_criteria, sd_min_days, mr_low_percent, status, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?)", studyId, plan.studyCode, parameter(plan, "TITLE"),
                    ResponseCriteria.fromSdtm(parameter(plan, "RESPCRIT")).orElseThrow().name(),
                    sdMinDays == null ? 42 : Study.parseSdMinDays(sdMinDays),
                    Study.parseMinorResponseBand(parameter(plan, "MRLOWPCT")), new Timestamp(System.currentTimeMillis()));
            long id = 100_000;
            Map<String, Long> armIds = new LinkedHashMap<>();
            for (Map.Entry<String, String> arm : plan.arms.entrySet()) {
                armIds.put(arm.getKey(), ++id);
                exec(c, "insert into arm (id, study_id, code, name) values (?, ?, ?, ?)", id, studyId, arm.getKey(),
                        arm.getValue());
            }
            Map<String, Long> siteIds = new LinkedHashMap<>();
            for (String site : plan.sites) {
                siteIds.put(site, ++id);
                exec(c, "insert into site (id, code, name) values (?, ?, ?)", id, site, site);
                exec(c, "insert into study_site (study_id, site_id) values (?, ?)", studyId, id);
            }
            new StudyWriter(c, "select next value for %s", "next value for %s", plan, catalogue, studyId, armIds, siteIds)
                    .write(archive);
            return new Loaded(c, studyId, plan.studyCode, armIds, siteIds);
        }
    }

    private static String parameter(StudyPlan plan, String code) {
        return plan.parameters.stream().filter(p -> p.code().equals(code)).map(SdtmRecords.TsRow::value).findFirst()
                .orElse(null);
    }

    private static void exec(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}

package org.cytotrial.it;

import static org.cytotrial.it.support.Casebooks.ADMIN;
import static org.cytotrial.it.support.Casebooks.COORDINATOR;
import static org.cytotrial.it.support.Casebooks.array;
import static org.cytotrial.it.support.Casebooks.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.Casebooks;
import org.cytotrial.it.support.Database;
import org.cytotrial.it.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A data lock and the writes in flight when it is placed never interleave: the lock commits
 * either before a write checks for locks (the write is refused) or after the write has committed
 * (the lock is placed after it). Each test stops one side at a known point with a lock the test
 * holds in the database, waits until the application's statements are blocked where the design
 * says (pg_stat_activity, no sleeps), then lets go:
 * <ul>
 *   <li>a visit save already past its checks, waiting to commit (held at its audit revision):
 *       a site lock placed meanwhile waits at the subject's row and commits after the save;</li>
 *   <li>a lock placement waiting at a subject's row (which the test holds, as a write would): an
 *       adverse event recorded meanwhile waits behind it and is refused once the lock commits;</li>
 *   <li>an enrolment waiting to commit: a study lock waits at the study's row, and the new
 *       subject is locked with the others;</li>
 *   <li>a site lock waiting at the study's row: an enrolment at that site waits behind it and is
 *       refused.</li>
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataLockOrderingIT {

    private static final LocalDate TODAY = LocalDate.now();
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @Test
    void aLockPlacedWhileAWriteIsInFlightWaitsForItAndIsPlacedAfterIt() throws Exception {
        String code = Casebooks.studyCopy("RECIST-DEMO", "LCKO");
        String subject = Casebooks.enrolDosed(code, "BERLIN", "IL6R");
        String visit = Casebooks.subjectPath(code, subject) + "/visits/1";

        CompletableFuture<Api.Answer> save;
        CompletableFuture<Api.Answer> lock;
        try (Connection blocker = Database.connect()) {
            blocker.setAutoCommit(false);
            holdAuditRevisions(blocker);
            save = async(() -> COORDINATOR.postJson(visit, Json.createObjectBuilder()
                    .add("date", TODAY.minusDays(60).toString()).add("results", array(result("CRP", "8", null)))
                    .build().toString()));
            awaitBlocked("the save has passed its checks, flushed its rows and waits to commit",
                    q -> q.startsWith("insert into audit_revision"));

            lock = async(() -> lockSite(code, "BERLIN"));
            awaitBlocked("the site lock waits at the rows of the site's subjects, which the save holds",
                    q -> q.startsWith("select id from subject where study_id") && q.endsWith("for update"));
            assertFalse(lock.isDone(), "no lock is placed while a write of a subject it covers is in flight");
            blocker.rollback();
        }
        assertEquals(200, save.get(1, TimeUnit.MINUTES).status(), save.get().text());
        assertEquals(201, lock.get(1, TimeUnit.MINUTES).status(), lock.get().text());

        long saveRevision = Database.count("select max(a.rev) from visit_aud a join subject s on s.id = a.subject_id"
                + " join study st on st.id = s.study_id where st.code = ? and s.usubjid = ?", code, subject);
        long lockRevision = Database.count("select a.rev from data_lock_aud a join data_lock l on l.id = a.id"
                + " join study st on st.id = l.study_id where st.code = ? and a.revtype = 0", code);
        assertTrue(saveRevision < lockRevision, "the save's revision " + saveRevision + " comes before the lock's " + lockRevision);
        assertEquals(1, Database.count("select count(*) from data_lock l join study st on st.id = l.study_id"
                + " join audit_revision r on r.id = ? where st.code = ?"
                + " and l.locked_at >= to_timestamp(r.recorded_at / 1000.0)", saveRevision, code),
                "the lock's time is not before the save it waited for");

        Api.Answer after = recordAdverseEvent(code, subject);
        assertEquals(409, after.status(), after.text());
        assertTrue(after.text().contains("are locked (site BERLIN in study " + code), after.text());
    }

    @Test
    void aWriteThatStartsWhileALockIsBeingPlacedIsRefusedOnceTheLockCommits() throws Exception {
        String code = Casebooks.studyCopy("RECIST-DEMO", "LCKO");
        String subject = Casebooks.enrolDosed(code, "BERLIN", "IL6R");

        CompletableFuture<Api.Answer> lock;
        CompletableFuture<Api.Answer> write;
        try (Connection blocker = Database.connect()) {
            blocker.setAutoCommit(false);
            // the test holds the subject's row, as a write of that subject in flight would
            try (PreparedStatement s = blocker.prepareStatement("select s.id from subject s join study st on st.id = s.study_id"
                    + " where st.code = ? and s.usubjid = ? for update of s")) {
                s.setString(1, code);
                s.setString(2, subject);
                assertTrue(s.executeQuery().next());
            }
            lock = async(() -> lockSite(code, "BERLIN"));
            awaitBlocked("the site lock waits at the subject's row",
                    q -> q.startsWith("select id from subject where study_id") && q.endsWith("for update"));

            write = async(() -> recordAdverseEvent(code, subject));
            awaitBlocked("the adverse event, its access checked, waits at the subject's row behind the lock",
                    q -> q.startsWith("select version from subject where id"));
            assertEquals(2, blockedStatements().size(), blockedStatements().toString());
            assertFalse(write.isDone(), "the write has not checked for locks yet");
            blocker.rollback();
        }
        assertEquals(201, lock.get(1, TimeUnit.MINUTES).status(), lock.get().text());
        Api.Answer refused = write.get(1, TimeUnit.MINUTES);
        assertEquals(409, refused.status(), "a write that began before the lock committed cannot commit after it: "
                + refused.text());
        assertTrue(refused.text().contains("are locked (site BERLIN in study " + code), refused.text());
        assertEquals(0, Database.count("select count(*) from adverse_event_aud a join subject s on s.id = a.subject_id"
                + " join study st on st.id = s.study_id where st.code = ? and s.usubjid = ?", code, subject),
                "nothing of the refused write was stored, not even history");
    }

    @Test
    void anEnrolmentInFlightHoldsOffAStudyLockAndItsSubjectIsLockedWithTheOthers() throws Exception {
        String code = Casebooks.studyCopy("RECIST-DEMO", "LCKO");

        CompletableFuture<Api.Answer> enrolment;
        CompletableFuture<Api.Answer> lock;
        try (Connection blocker = Database.connect()) {
            blocker.setAutoCommit(false);
            holdAuditRevisions(blocker);
            enrolment = async(() -> COORDINATOR.postJson("/api/studies/" + code + "/subjects",
                    Casebooks.enrolment("BERLIN", "IL6R").build().toString()));
            awaitBlocked("the enrolment has stored the subject and waits to commit", q -> q.startsWith("insert into audit_revision"));

            lock = async(() -> ADMIN.postJson("/api/studies/" + code + "/locks",
                    "{\"level\":\"STUDY\",\"cutOff\":\"" + TODAY + "\",\"reason\":\"final analysis\"}"));
            awaitBlocked("the study lock waits at the study's row, which the enrolment holds",
                    q -> q.startsWith("select version, status from study where id"));
            assertFalse(lock.isDone());
            blocker.rollback();
        }
        Api.Answer enrolled = enrolment.get(1, TimeUnit.MINUTES);
        assertEquals(201, enrolled.status(), enrolled.text());
        assertEquals(201, lock.get(1, TimeUnit.MINUTES).status(), lock.get().text());

        Api.Answer after = recordAdverseEvent(code, enrolled.json().getString("usubjid"));
        assertEquals(409, after.status(), after.text());
        assertTrue(after.text().contains("Study " + code + " is locked"), after.text());
    }

    @Test
    void anEnrolmentThatStartsWhileASiteLockIsBeingPlacedIsRefused() throws Exception {
        String code = Casebooks.studyCopy("RECIST-DEMO", "LCKO");
        long subjects = Database.count("select count(*) from subject s join study st on st.id = s.study_id where st.code = ?", code);

        CompletableFuture<Api.Answer> lock;
        CompletableFuture<Api.Answer> enrolment;
        try (Connection blocker = Database.connect()) {
            blocker.setAutoCommit(false);
            // the test holds the study's row, as an enrolment in flight would
            try (PreparedStatement s = blocker.prepareStatement("select id from study where code = ? for update")) {
                s.setString(1, code);
                assertTrue(s.executeQuery().next());
            }
            lock = async(() -> lockSite(code, "BERLIN"));
            awaitBlocked("the site lock waits at the study's row", q -> q.startsWith("select version, status from study where id"));

            enrolment = async(() -> COORDINATOR.postJson("/api/studies/" + code + "/subjects",
                    Casebooks.enrolment("BERLIN", "IL6R").build().toString()));
            awaitBlockedStatements("the enrolment waits at the study's row behind the lock", blocked -> blocked.stream()
                    .filter(q -> q.startsWith("select version, status from study where id")).count() == 2);
            blocker.rollback();
        }
        assertEquals(201, lock.get(1, TimeUnit.MINUTES).status(), lock.get().text());
        Api.Answer refused = enrolment.get(1, TimeUnit.MINUTES);
        assertEquals(409, refused.status(), refused.text());
        assertTrue(refused.text().contains("are locked (site BERLIN in study " + code), refused.text());
        assertEquals(subjects, Database.count("select count(*) from subject s join study st on st.id = s.study_id"
                + " where st.code = ?", code), "no subject was enrolled at the locked site");
    }

    private static Api.Answer lockSite(String code, String site) {
        return ADMIN.postJson("/api/studies/" + code + "/locks", "{\"level\":\"SITE\",\"site\":\"" + site + "\",\"cutOff\":\""
                + TODAY + "\",\"reason\":\"site closed\"}");
    }

    private static Api.Answer recordAdverseEvent(String code, String subject) {
        return COORDINATOR.postJson(Casebooks.subjectPath(code, subject) + "/adverse-events", "{\"term\":\"Fever\",\"grade\":1,"
                + "\"serious\":false,\"related\":false,\"start\":\"" + TODAY.minusDays(5) + "\"}");
    }

    /** Every write commits with its audit revision: holding the table stops writes just before they commit. */
    private static void holdAuditRevisions(Connection blocker) throws SQLException {
        try (Statement s = blocker.createStatement()) {
            s.execute("lock table " + Database.schema() + ".audit_revision in exclusive mode");
        }
    }

    private static CompletableFuture<Api.Answer> async(Supplier<Api.Answer> call) {
        return CompletableFuture.supplyAsync(call);
    }

    /** The statements of the application's connections that wait for a lock, lower case. */
    private static List<String> blockedStatements() {
        List<String> statements = new ArrayList<>();
        try (Connection c = Database.connect(); PreparedStatement s = c.prepareStatement("select query from pg_stat_activity"
                + " where usename = ? and datname = current_database() and wait_event_type = 'Lock' and state = 'active'")) {
            s.setString(1, Database.applicationRole());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    statements.add(rs.getString(1).strip().replaceAll("\\s+", " ").toLowerCase());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return statements;
    }

    /** Waits until one of the application's blocked statements is the one described. */
    private static void awaitBlocked(String what, Predicate<String> statement) throws InterruptedException {
        awaitBlockedStatements(what, blocked -> blocked.stream().anyMatch(statement));
    }

    private static void awaitBlockedStatements(String what, Predicate<List<String>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.test(blockedStatements())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; blocked now: " + blockedStatements());
            }
            Thread.sleep(50);
        }
    }
}

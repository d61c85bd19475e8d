package org.cytotrial.it.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.cytotrial.it.support.Api;
import org.cytotrial.it.support.ExpectedNumbers;
import org.cytotrial.it.support.It;
import org.cytotrial.it.support.ManagedServer;
import org.cytotrial.it.support.StudyZips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a new user gets it: the configured server started with no
 * database settings at all, in demo mode, so on the embedded H2 file database, with the demo
 * studies loaded at deployment. Every other integration test runs on PostgreSQL; this one proves
 * the schema, the import writer, the analytics and report queries also work on H2.
 */
class DemoModeIT {

    private static ManagedServer server;

    @BeforeAll
    static void startDemoServer() throws IOException {
        Path base = It.outputDir().resolve("demo-server");
        deleteRecursively(base); // a fresh H2 file database, as on a clean checkout
        Properties properties = new Properties();
        properties.setProperty("cytotrial.demo", "true");
        int offset = Integer.getInteger("it.demo.port.offset", Integer.getInteger("it.port.offset", 0) + 70);
        server = new ManagedServer(Path.of(System.getProperty("jboss.home")), base, offset, properties, Map.of());
        server.start();
    }

    @AfterAll
    static void stopDemoServer() {
        if (server != null) {
            server.stop();
        }
    }

    private static Api as(String user) {
        return Api.as(user).at(server.baseUrl());
    }

    @Test
    void theDemoRunsOnTheEmbeddedDatabaseWithEveryDemoAccount() {
        Api.Answer health = Api.anonymous().at(server.baseUrl()).get("/api/health");
        assertEquals(200, health.status(), health.text());
        assertTrue(health.text().contains("H2"), "the embedded database: " + health.text());
        assertTrue(health.text().contains("\"demo\":true"), health.text());
        for (String user : List.of("admin", "coordinator", "investigator", "sponsor", "monitor")) {
            Api.Answer studies = as(user).get("/api/studies");
            assertEquals(200, studies.status(), user + ": " + studies.text());
        }
        assertEquals(401, Api.anonymous().at(server.baseUrl()).get("/api/studies").status());
        assertEquals(200, Api.anonymous().at(server.baseUrl()).get("/login.xhtml").status());
    }

    @Test
    void theDemoStudiesAreLoadedAndReproduceTheirExpectedNumbers() throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> listed = as("admin").get("/api/studies").jsonArray().stream()
                .map(v -> v.asJsonObject().getString("code")).toList();
        for (Path dir : studiesWithExpectations()) {
            String code = dir.getFileName().toString();
            assertTrue(listed.contains(code), code + " is loaded: " + listed);
            new ExpectedNumbers(as("admin"), code, code + " (demo, H2)", problems).compareWith(expected(dir));
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " mismatch(es) on H2:\n" + String.join("\n", problems));
        }
    }

    @Test
    void anImportExportsAndReportsOnTheEmbeddedDatabaseToo() throws IOException {
        Api admin = as("admin");
        List<String> problems = new ArrayList<>();
        for (Path dir : studiesWithExpectations()) {
            String code = It.uniqueCode("H2");
            Api.Answer imported = admin.post("/api/studies?code=" + code, "application/zip",
                    StudyZips.demo(dir.getFileName().toString()));
            assertEquals(201, imported.status(), imported.text());
            new ExpectedNumbers(admin, code, dir.getFileName() + " (imported on H2)", problems).compareWith(expected(dir));
            Api.Answer sdtm = admin.get("/api/studies/" + code + "/sdtm.zip");
            assertEquals(200, sdtm.status());
            Api.Answer report = Api.as("sponsor").at(server.baseUrl()).get("/api/studies/" + code + "/report.xlsx");
            assertEquals(200, report.status(), report.text());
            assertArrayEquals(new byte[] {'P', 'K'}, Arrays.copyOf(report.bytes(), 2), "an xlsx is a zip");
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " mismatch(es) on H2:\n" + String.join("\n", problems));
        }
    }

    private static List<Path> studiesWithExpectations() throws IOException {
        try (Stream<Path> dirs = Files.list(It.demoDir())) {
            List<Path> studies = dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).sorted().toList();
            assertFalse(studies.isEmpty(), "no demo study with expected.json under " + It.demoDir());
            return studies;
        }
    }

    private static JsonObject expected(Path dir) throws IOException {
        try (Reader r = Files.newBufferedReader(dir.resolve("expected.json")); var json = Json.createReader(r)) {
            return json.readObject();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

package org.cytotrial.it.support;

import java.nio.file.Path;

/** Settings of the integration-test run (from the failsafe configuration in ear/pom.xml). */
public final class It {

    public static final String DEMO_PASSWORD = "cytotrial-demo";

    private It() {}

    public static String baseUrl() {
        return "http://localhost:" + System.getProperty("it.http.port", "8080") + "/cytotrial";
    }

    public static Path demoDir() {
        return Path.of(System.getProperty("it.demo.dir", "../src/demo/studies"));
    }

    public static Path outputDir() {
        return Path.of(System.getProperty("it.output.dir", "target"));
    }

    /** A study code no earlier run or test used, since the test database keeps studies between classes. */
    public static String uniqueCode(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    }
}

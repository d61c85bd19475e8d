package org.cytotrial.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A WildFly of its own for the fault tests, started from the distribution the build unpacked
 * (ear/target/wildfly-*) with a separate base directory, port offset and configuration, with the
 * built EAR in its deployment folder. It can be stopped, and it can be killed: SIGKILL to the
 * server's JVM, nothing shut down in order.
 */
public final class ManagedServer implements AutoCloseable {

    private final Path home;
    private final Path base;
    private final int portOffset;
    private final Properties properties;
    private final Map<String, String> environment;
    private Process launcher;

    public ManagedServer(Path home, Path base, int portOffset, Properties properties, Map<String, String> environment) {
        this.home = home;
        this.base = base;
        this.portOffset = portOffset;
        this.properties = properties;
        this.environment = environment;
    }

    public String baseUrl() {
        return "http://localhost:" + (8080 + portOffset) + "/cytotrial";
    }

    /** Starts the server and waits until the application answers its health check. */
    public void start() {
        try {
            prepare();
            Path propertyFile = base.resolve("cytotrial.properties");
            try (var out = Files.newBufferedWriter(propertyFile, StandardCharsets.UTF_8)) {
                properties.store(out, "fault test server");
            }
            Files.deleteIfExists(pidFile());
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                    "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + portOffset,
                    "--properties=" + propertyFile.toUri()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
            builder.environment().put("JBOSS_PIDFILE", pidFile().toString());
            builder.environment().put("JAVA_OPTS", "-Xms256m -Xmx1536m -Djava.net.preferIPv4Stack=true"
                    + " -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true");
            launcher = builder.start();
            awaitHealthy(Duration.ofMinutes(4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void prepare() throws IOException {
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path deployments = base.resolve("deployments");
        Files.createDirectories(deployments);
        Files.copy(Path.of(System.getProperty("it.ear", "target/cytotrial.ear")), deployments.resolve("cytotrial.ear"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private Path pidFile() {
        return base.resolve("server.pid");
    }

    /** Started and not killed or stopped since. */
    public boolean isRunning() {
        return launcher != null && launcher.isAlive();
    }

    /** The server's JVM. */
    public ProcessHandle jvm() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("server " + pid + " is not running"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kill -9: the JVM dies at once, in the middle of whatever it is doing. */
    public void kill() {
        ProcessHandle jvm = jvm();
        jvm.destroyForcibly();
        jvm.onExit().join();
        launcher.onExit().join();
    }

    /** An orderly shutdown (SIGTERM), forced after a minute. */
    public void stop() {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        ProcessHandle jvm = jvm();
        jvm.destroy();
        try {
            jvm.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            jvm.destroyForcibly();
        }
        launcher.onExit().join();
    }

    public void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (launcher != null && !launcher.isAlive()) {
                throw new IllegalStateException("the server exited; see " + base.resolve("console.log"));
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the application did not become healthy within " + timeout + "; see "
                + base.resolve("console.log"));
    }

    @Override
    public void close() {
        stop();
    }
}

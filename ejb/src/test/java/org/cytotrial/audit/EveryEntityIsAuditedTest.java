package org.cytotrial.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.Entity;
import jakarta.persistence.Version;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.hibernate.envers.Audited;
import org.hibernate.envers.RevisionEntity;
import org.junit.jupiter.api.Test;

/**
 * Part 11's audit trail covers every record the application keeps: an entity added later without
 * {@code @Audited} (or without the {@code @Version} that turns a concurrent edit into a conflict)
 * fails here, before it can hold a single unaudited change. The revision entity itself is the
 * trail, written once and never edited.
 */
class EveryEntityIsAuditedTest {

    @Test
    void everyEntityButTheRevisionItselfIsAuditedAndVersioned() throws IOException, URISyntaxException {
        List<Class<?>> entities = entities();
        assertTrue(entities.size() >= 20, "the entities were found: " + entities);
        List<String> problems = new ArrayList<>();
        for (Class<?> entity : entities) {
            if (entity.isAnnotationPresent(RevisionEntity.class)) {
                continue;
            }
            if (!entity.isAnnotationPresent(Audited.class)) {
                problems.add(entity.getName() + " is not @Audited");
            }
            if (Arrays.stream(entity.getDeclaredFields()).noneMatch(EveryEntityIsAuditedTest::isVersion)) {
                problems.add(entity.getName() + " has no @Version");
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(1, entities.stream().filter(e -> e.isAnnotationPresent(RevisionEntity.class)).count(),
                "one revision entity: " + entities);
    }

    private static boolean isVersion(Field field) {
        return field.isAnnotationPresent(Version.class);
    }

    /** The compiled classes of the application (not of the tests) that are JPA entities. */
    private static List<Class<?>> entities() throws IOException, URISyntaxException {
        Path root = Path.of(AuditRevision.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> entities = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, EveryEntityIsAuditedTest.class.getClassLoader());
                    if (type.isAnnotationPresent(Entity.class)) {
                        entities.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + name, e);
                }
            }
        }
        return entities;
    }
}

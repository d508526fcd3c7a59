package io.github.coco4j.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Upstream test data under the directory named by the {@code coco4j.testdata} system property. */
public final class TestData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestData() {
    }

    public static Path path(String relative) {
        String root = System.getProperty("coco4j.testdata");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property coco4j.testdata is not set; run the tests through Maven "
                    + "from the project root, with the shared test data at ../shared/testdata");
        }
        Path file = Path.of(root).resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException("shared test data missing: " + file
                    + " (expected the shared/testdata checkout next to the project)");
        }
        return file;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String relative) {
        try {
            return JSON.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

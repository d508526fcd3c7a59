package io.github.coco4j.policy.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.coco4j.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The requests of the kata-golden directories: {@code ["ep":"<Request>",{input}],} per line. */
public final class GoldenInputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String directory, int line, String name, JsonNode input) {
        @Override
        public String toString() {
            return directory + ":" + line + " " + name;
        }
    }

    private GoldenInputs() {
    }

    public static List<String> directories() {
        try (Stream<Path> dirs = Files.list(TestData.path("rego/kata-golden"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Request> requests(String directory) {
        List<Request> requests = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(TestData.path("rego/kata-golden/" + directory + "/inputs.txt"));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.endsWith(",")) {
                    line = line.substring(0, line.length() - 1);
                }
                JsonNode pair = JSON.readTree(line.replaceFirst("\"ep\":", ""));
                requests.add(new Request(directory, i + 1, pair.get(0).asText(), pair.get(1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return requests;
    }

    public static List<Request> all() {
        return directories().stream().flatMap(d -> requests(d).stream()).toList();
    }
}

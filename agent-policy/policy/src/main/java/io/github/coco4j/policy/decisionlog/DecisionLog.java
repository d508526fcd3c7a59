package io.github.coco4j.policy.decisionlog;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.coco4j.json.JsonTrees;
import io.github.coco4j.rego.value.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent's decision log: one JSON object per line, {@code {"kind":"<RequestName>","request":{…}}}
 * with the request rendered as the policy sees it.
 */
public final class DecisionLog {
    private DecisionLog() {
    }

    public static List<DecisionLogEntry> read(Path file) throws IOException {
        List<DecisionLogEntry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                entries.add(parse(file + ":" + (i + 1), line));
            }
        }
        return entries;
    }

    /** The entry on line {@code number} of the file, counted from 1 as an editor shows it. */
    public static DecisionLogEntry line(Path file, int number) throws IOException {
        String where = file + ":" + number;
        if (number < 1) {
            throw new IllegalArgumentException(where + ": lines are counted from 1");
        }
        try (Stream<String> lines = Files.lines(file)) {
            String line = lines.skip(number - 1L).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(where + ": the log has fewer lines"));
            return parse(where, line.strip());
        }
    }

    /**
     * Whether a JSON document is a decision-log line rather than a bare request: an object with
     * exactly the members "kind" and "request" (no request the agent renders has that shape).
     */
    public static boolean isEntry(JsonNode node) {
        return node.isObject() && node.size() == 2 && node.has("kind") && node.has("request");
    }

    private static DecisionLogEntry parse(String where, String line) {
        try {
            return entry(where, JsonTrees.read(line));
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not JSON: " + JsonTrees.reason(e));
        }
    }

    /** A decision-log line already read as JSON; {@code where} names it in errors. */
    public static DecisionLogEntry entry(String where, JsonNode node) {
        JsonNode kind = node.get("kind");
        if (kind == null || !kind.isTextual() || !kind.asText().matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException(where + ": \"kind\" must be a request name such as \"ExecProcessRequest\"");
        }
        JsonNode request = node.get("request");
        if (request == null) {
            throw new IllegalArgumentException(where + ": \"request\" is missing");
        }
        return new DecisionLogEntry(kind.asText(), Json.toValue(request));
    }
}

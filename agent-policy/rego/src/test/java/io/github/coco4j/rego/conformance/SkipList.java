package io.github.coco4j.rego.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A list of skipped conformance cases, one "<file>#<note> | <reason>" a line, '#' starting a comment. */
final class SkipList {
    private SkipList() {
    }

    /** The reason of each listed case, by "<file>#<note>"; empty when the resource is missing. */
    static Map<String, String> read(String resource) {
        Map<String, String> skips = new HashMap<>();
        InputStream stream = SkipList.class.getResourceAsStream(resource);
        if (stream == null) {
            return skips;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                // Notes may contain " | " themselves: the reason follows the last one.
                int bar = line.lastIndexOf(" | ");
                skips.put(bar < 0 ? line : line.substring(0, bar), bar < 0 ? "" : line.substring(bar + 3));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return skips;
    }
}

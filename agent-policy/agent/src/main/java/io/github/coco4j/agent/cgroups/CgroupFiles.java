package io.github.coco4j.agent.cgroups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cgroup v2 interface files: single values and flat-keyed files ("key value" lines). A file
 * whose controller is not enabled in the cgroup does not exist: it reads as empty, or 0.
 */
final class CgroupFiles {
    private CgroupFiles() {
    }

    /** A single value; "max" (no limit) reads as the largest unsigned value, as Kata reports it. */
    static long value(Path file) throws IOException {
        List<String> lines = lines(file);
        if (lines.isEmpty()) {
            return 0;
        }
        String value = lines.get(0).strip();
        return value.equals("max") ? -1L : Long.parseUnsignedLong(value);
    }

    static Map<String, Long> flat(Path file) throws IOException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 2) {
                values.put(fields[0], Long.parseUnsignedLong(fields[1]));
            }
        }
        return values;
    }

    static List<String> lines(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}

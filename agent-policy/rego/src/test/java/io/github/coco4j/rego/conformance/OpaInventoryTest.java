package io.github.coco4j.rego.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code rego/opa-cases/INVENTORY} accounts for every directory of OPA's v1 cases: a directory
 * it calls copied is here whole (its files under {@code v1/} and, in v0 syntax, {@code v0/}),
 * one it does not is absent, no directory here is missing from it, and its counts add up. And
 * every entry of {@code opa-skips.txt} names a case that is here.
 */
class OpaInventoryTest {
    private static final Pattern ENTRY = Pattern.compile("(\\S+) \\| (copied|not copied) \\((\\d+) files?\\)(: .+)?");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern TOTAL = Pattern.compile("total \\| (\\d+) files");

    private final Path root = OpaCasesTest.root();

    @Test
    void everyDirectoryIsAccountedForAndEveryCopiedOneIsWhole() throws IOException {
        Map<String, Integer> copied = new TreeMap<>();
        Map<String, Integer> notCopied = new TreeMap<>();
        int total = -1;
        for (String line : Files.readAllLines(root.resolve("INVENTORY"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher t = TOTAL.matcher(line);
            if (t.matches()) {
                total = Integer.parseInt(t.group(1));
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            assertTrue(m.matches(), () -> "malformed inventory line: " + line);
            boolean isCopied = m.group(2).equals("copied");
            assertTrue(isCopied == (m.group(4) == null), () -> "only a directory not copied gives a reason: " + line);
            (isCopied ? copied : notCopied).put(m.group(1), Integer.parseInt(m.group(3)));
        }
        for (Map.Entry<String, Integer> e : copied.entrySet()) {
            assertEquals(e.getValue(), cases(e.getKey()), "case files of the copied directory " + e.getKey());
        }
        for (String dir : notCopied.keySet()) {
            assertEquals(0, cases(dir), "case files of " + dir + ", which the inventory says is not copied");
        }
        TreeSet<String> present = new TreeSet<>(directories("v1"));
        present.addAll(directories("v0"));
        present.removeAll(copied.keySet());
        assertEquals(new TreeSet<>(), present, "directories here that the inventory does not list as copied");
        int sum = Stream.concat(copied.values().stream(), notCopied.values().stream()).mapToInt(Integer::intValue).sum();
        assertEquals(total, sum, "the inventory's total against its directories' counts");
    }

    @Test
    void everySkippedCaseIsOneOfTheCopiedCases() throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                YAML.readTree(file.toFile()).path("cases").forEach(c -> ids.add(name + "#" + c.path("note").asText()));
            }
        }
        TreeSet<String> stale = new TreeSet<>(SkipList.read("/rego/opa-skips.txt").keySet());
        stale.removeAll(ids);
        assertEquals(new TreeSet<>(), stale, "opa-skips.txt entries that name no case");
    }

    private int cases(String dir) throws IOException {
        return count(root.resolve("v1").resolve(dir)) + count(root.resolve("v0").resolve(dir));
    }

    private static int count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.toString().endsWith(".yaml")).count();
        }
    }

    private TreeSet<String> directories(String syntax) throws IOException {
        try (Stream<Path> dirs = Files.list(root.resolve(syntax))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        }
    }
}

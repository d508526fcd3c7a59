package io.github.coco4j.rego.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.coco4j.rego.Engine;
import io.github.coco4j.rego.eval.QueryResult;
import io.github.coco4j.rego.value.ArrayValue;
import io.github.coco4j.rego.value.Json;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Open Policy Agent's own YAML conformance cases (a copy under {@code rego/opa-cases}, v0 and v1
 * syntax by directory), compared as OPA's runner compares them: each result is the bindings of
 * the query's variables, sets as sorted arrays; {@code sort_bindings} makes the order of results
 * and of each binding's array irrelevant; an expected error must carry OPA's error code and message. Cases listed in
 * {@code opa-skips.txt} are skipped with the reason given there. Prints the pass count.
 */
class OpaCasesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = root();
    private static final Map<String, String> SKIPS = SkipList.read("/rego/opa-skips.txt");
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();
    private static final AtomicInteger SKIPPED = new AtomicInteger();

    @TestFactory
    Stream<DynamicNode> everyInScopeCasePassesOrIsListedAsSkipped() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream().map(OpaCasesTest::file);
        }
    }

    @AfterAll
    static void printPassCount() {
        int inScope = PASSED.get() + FAILED.get();
        System.out.printf("OPA conformance: %d of %d in-scope cases pass (%.1f %%), %d skipped%n",
                PASSED.get(), inScope, inScope == 0 ? 0.0 : 100.0 * PASSED.get() / inScope, SKIPPED.get());
    }

    private static DynamicNode file(Path file) {
        String name = ROOT.relativize(file).toString().replace('\\', '/');
        JsonNode doc;
        try {
            doc = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean regoV1 = name.startsWith("v1/");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : doc.path("cases")) {
            String note = c.path("note").asText();
            tests.add(DynamicTest.dynamicTest(note, () -> counted(name + "#" + note, c, regoV1)));
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }

    private static void counted(String id, JsonNode c, boolean regoV1) {
        String reason = c.path("skip").asBoolean(false) ? "skipped by the case itself" : SKIPS.get(id);
        if (reason != null) {
            SKIPPED.incrementAndGet();
            Assumptions.abort("listed in opa-skips.txt: " + reason);
        }
        try {
            run(c, regoV1);
            PASSED.incrementAndGet();
        } catch (AssertionError | RuntimeException e) {
            FAILED.incrementAndGet();
            throw e;
        }
    }

    private static void run(JsonNode c, boolean regoV1) {
        List<QueryResult> results;
        try {
            Engine engine = new Engine().setStrictBuiltinErrors(c.path("strict_error").asBoolean(false));
            int i = 0;
            for (JsonNode module : c.path("modules")) {
                engine.addPolicy("test-" + i++ + ".rego", module.asText(), regoV1);
            }
            if (c.hasNonNull("data")) {
                engine.addData(Json.toValue(c.get("data")));
            }
            engine.setInput(input(c, regoV1));
            results = engine.evalQuery(c.path("query").asText());
        } catch (RuntimeException e) {
            if (c.has("want_error_code") || c.has("want_error")) {
                String message = String.valueOf(e.getMessage());
                for (String want : List.of(c.path("want_error_code").asText(), c.path("want_error").asText())) {
                    assertTrue(message.contains(want), () -> "error `" + message + "` does not contain `" + want + "`");
                }
                return;
            }
            throw e;
        }
        if (c.has("want_error_code") || c.has("want_error")) {
            fail("evaluation succeeded but the case expects the error " + c.path("want_error_code").asText()
                    + " " + c.path("want_error").asText());
        }
        if (c.has("want_result")) {
            List<Value> want = new ArrayList<>();
            c.get("want_result").forEach(w -> want.add(Json.toValue(w)));
            List<Value> got = results.stream().map(r -> asJson(r.bindings())).toList();
            boolean sorted = c.path("sort_bindings").asBoolean(false);
            assertEquals(sorted ? sortedResults(want) : want, sorted ? sortedResults(got) : got);
        }
    }

    /**
     * What {@code sort_bindings} leaves to compare, as OPA's runner does: the results in any order,
     * and a binding's array in any order too (its elements may come from a set).
     */
    private static List<Value> sortedResults(List<Value> results) {
        return results.stream().map(OpaCasesTest::sortedArrays).sorted().toList();
    }

    private static Value sortedArrays(Value bindings) {
        if (!(bindings instanceof ObjectValue o)) {
            return bindings;
        }
        TreeMap<Value, Value> sorted = new TreeMap<>();
        for (int i = 0; i < o.size(); i++) {
            Value v = o.valueAt(i);
            if (v instanceof ArrayValue a) {
                List<Value> elements = new ArrayList<>();
                for (int j = 0; j < a.size(); j++) {
                    elements.add(a.get(j));
                }
                v = ArrayValue.of(elements.stream().sorted().toList());
            }
            sorted.put(o.keyAt(i), v);
        }
        return ObjectValue.of(sorted);
    }

    /** The input document: {@code input} as YAML, or {@code input_term} as a Rego term. */
    private static Value input(JsonNode c, boolean regoV1) {
        if (c.hasNonNull("input_term")) {
            String query = "x := " + c.get("input_term").asText();
            return new Engine().addPolicy("input.rego", "package input_term", regoV1)
                    .evalQuery(query).get(0).bindings().get("x");
        }
        return c.has("input") ? Json.toValue(c.get("input")) : null;
    }

    /** As OPA's runner sees a result: through JSON, so sets are arrays and object keys strings. */
    private static Value asJson(Value v) {
        return Json.toValue(Json.toJson(v));
    }

    /** The copy of OPA's cases, also read by {@link OpaInventoryTest}. */
    static Path root() {
        try {
            return Path.of(Objects.requireNonNull(OpaCasesTest.class.getResource("/rego/opa-cases")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

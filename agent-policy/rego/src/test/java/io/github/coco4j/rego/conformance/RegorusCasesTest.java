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
import io.github.coco4j.rego.value.SetValue;
import io.github.coco4j.rego.value.StringValue;
import io.github.coco4j.rego.value.Value;
import io.github.coco4j.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The reference engine's YAML conformance cases: each case loads its modules (v0, except in
 * bindings.yaml), data and input, evaluates its query and compares results, prints or the error.
 * Cases listed in {@code regorus-skips.txt} are skipped with the reason given there.
 */
class RegorusCasesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = TestData.path("rego/regorus-cases");
    private static final Map<String, String> SKIPS = SkipList.read("/rego/regorus-skips.txt");

    @TestFactory
    Stream<DynamicNode> everyCasePassesOrIsListedAsSkipped() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream().map(this::file);
        }
    }

    private DynamicNode file(Path file) {
        String name = ROOT.relativize(file).toString();
        JsonNode doc;
        try {
            doc = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DynamicTest> tests = new ArrayList<>();
        boolean regoV1 = file.getFileName().toString().equals("bindings.yaml");
        for (JsonNode c : doc.path("cases")) {
            String id = name + "#" + c.path("note").asText();
            tests.add(DynamicTest.dynamicTest(c.path("note").asText(), () -> {
                Assumptions.assumeFalse(c.path("skip").asBoolean(false), "skipped by the case itself");
                String reason = SKIPS.get(id);
                Assumptions.assumeTrue(reason == null, () -> "listed in regorus-skips.txt: " + reason);
                run(c, regoV1);
            }));
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }

    static void run(JsonNode c, boolean regoV1) {
        List<Value> results = new ArrayList<>();
        List<String> prints;
        try {
            Engine engine = new Engine().setStrictBuiltinErrors(c.path("strict").asBoolean(true));
            int i = 0;
            for (JsonNode module : c.path("modules")) {
                engine.addPolicy("rego_" + i++, module.asText(), regoV1);
            }
            if (c.hasNonNull("data")) {
                engine.addData(Json.toValue(c.get("data")));
            }
            List<Value> inputs = inputs(c.get("input"));
            if (inputs.isEmpty()) {
                push(engine.evalQuery(c.path("query").asText()), results);
            }
            for (Value input : inputs) {
                engine.setInput(input);
                push(engine.evalQuery(c.path("query").asText()), results);
            }
            prints = engine.takePrints();
        } catch (RuntimeException e) {
            if (c.has("error")) {
                String message = String.valueOf(e.getMessage());
                assertTrue(message.contains(c.get("error").asText()),
                        () -> "error `" + message + "` does not contain `" + c.get("error").asText() + "`");
                return;
            }
            throw e;
        }
        if (c.has("want_result")) {
            assertEquals(keysAsText(expected(c.get("want_result"))), keysAsText(results), "results");
            if (c.has("want_prints")) {
                List<String> want = new ArrayList<>();
                c.get("want_prints").forEach(p -> want.add(p.asText()));
                assertEquals(want, prints, "prints");
            }
        } else if (!c.path("no_result").asBoolean(false)) {
            fail("evaluation succeeded but the case expects an error: " + c.path("error").asText());
        }
    }

    /**
     * YAML cannot tell the key {@code 7} from {@code "7"} once parsed into JSON, so object keys are
     * compared as text: strings as they are, other keys as their JSON form.
     */
    private static List<Value> keysAsText(List<Value> values) {
        return values.stream().map(RegorusCasesTest::keysAsText).toList();
    }

    private static Value keysAsText(Value v) {
        if (v instanceof ObjectValue o) {
            Map<Value, Value> entries = new TreeMap<>();
            for (int i = 0; i < o.size(); i++) {
                Value key = o.keyAt(i) instanceof StringValue ? o.keyAt(i) : StringValue.of(o.keyAt(i).toString());
                entries.put(key, keysAsText(o.valueAt(i)));
            }
            return ObjectValue.of(entries);
        }
        if (v instanceof ArrayValue a) {
            return ArrayValue.of(a.asList().stream().map(RegorusCasesTest::keysAsText).toList());
        }
        if (v instanceof SetValue s) {
            return SetValue.of(s.asList().stream().map(RegorusCasesTest::keysAsText).toList());
        }
        return v;
    }

    private static List<Value> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            return List.of();
        }
        if (input.isObject() && input.size() == 1 && input.has("many!")) {
            List<Value> many = new ArrayList<>();
            input.get("many!").forEach(i -> many.add(Json.toValue(i)));
            return many;
        }
        return List.of(Json.toValue(input));
    }

    /** As the reference harness records them: one result's bindings or values, else one array per result. */
    private static void push(List<QueryResult> query, List<Value> results) {
        if (query.size() == 1) {
            QueryResult r = query.get(0);
            if (!r.bindings().isEmpty()) {
                results.add(r.bindings());
            } else {
                results.addAll(r.expressions());
            }
            return;
        }
        for (QueryResult r : query) {
            results.add(r.bindings().isEmpty() ? ArrayValue.of(r.expressions()) : r.bindings());
        }
    }

    private static List<Value> expected(JsonNode want) {
        if (want.isObject() && want.size() == 1 && want.has("many!")) {
            List<Value> many = new ArrayList<>();
            want.get("many!").forEach(w -> many.add(decode(w)));
            return many;
        }
        return List.of(decode(want));
    }

    /** YAML to a value, with the harness's encodings of sets ({@code set!}) and non-string keys ({@code object!}). */
    private static Value decode(JsonNode node) {
        if (node.isObject() && node.size() == 1 && node.has("set!") && node.get("set!").isArray()) {
            List<Value> elements = new ArrayList<>();
            node.get("set!").forEach(e -> elements.add(decode(e)));
            return SetValue.of(elements);
        }
        if (node.isObject() && node.size() == 1 && node.has("object!") && node.get("object!").isArray()) {
            Map<Value, Value> entries = new TreeMap<>();
            node.get("object!").forEach(e -> entries.put(decode(e.get("key")), decode(e.get("value"))));
            return ObjectValue.of(entries);
        }
        if (node.isArray()) {
            List<Value> elements = new ArrayList<>();
            node.forEach(e -> elements.add(decode(e)));
            return ArrayValue.of(elements);
        }
        if (node.isObject()) {
            Map<Value, Value> entries = new TreeMap<>();
            node.fields().forEachRemaining(e -> entries.put(StringValue.of(e.getKey()), decode(e.getValue())));
            return ObjectValue.of(entries);
        }
        return Json.toValue(node);
    }
}

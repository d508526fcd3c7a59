package io.github.coco4j.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.rego.eval.Limits;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.ObjectValue;
import io.github.coco4j.rego.value.StringValue;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {
    @Test
    void rulesSeeDataAndInputAndPrintsCarryFileAndLine() {
        Engine engine = new Engine().addPolicy("p.rego", """
                package p
                greeting := sprintf("%s, %s", [data.salutation, input.name]) if {
                    print("name", input.name, input.missing)
                }
                """);
        engine.addData(ObjectValue.builder().put("salutation", StringValue.of("hello")).build());
        engine.setInput(ObjectValue.builder().put("name", StringValue.of("pod")).build());
        assertEquals(StringValue.of("hello, pod"), engine.evalRule("data.p.greeting"));
        assertEquals(List.of("p.rego:3: name pod <undefined>"), engine.takePrints());
        assertEquals(List.of(), engine.takePrints());
        assertNull(engine.evalRule("data.p.nothing"));
    }

    @Test
    void integersStayExactBeyondSixtyFourBits() {
        Engine engine = new Engine().addPolicy("p.rego", "package p\nbig := 18446744073709551616 + 1\n");
        assertEquals(NumberValue.parse("18446744073709551617"), engine.evalRule("data.p.big"));
    }

    @Test
    void conflictingValuesAreEvaluationErrors() {
        Engine engine = new Engine().addPolicy("p.rego", """
                package p
                x := 1 if input.a
                x := 2 if input.b
                """);
        engine.setInput(ObjectValue.builder().put("a", io.github.coco4j.rego.value.BoolValue.TRUE)
                .put("b", io.github.coco4j.rego.value.BoolValue.TRUE).build());
        RegoException e = assertThrows(RegoException.class, () -> engine.evalRule("data.p.x"));
        assertTrue(e.getMessage().contains("rules must not produce multiple outputs"), e.getMessage());
    }

    @Test
    void anUnknownFunctionIsACompileErrorNamingIt() {
        Engine engine = new Engine().addPolicy("p.rego", "package p\nx := no_such.builtin(1)\n");
        RegoException e = assertThrows(RegoException.class, engine::compile);
        assertTrue(e.getMessage().startsWith("p.rego:2:6: error: rego_type_error: could not find function no_such.builtin"), e.getMessage());
    }

    @Test
    void evaluationIsBoundedBySteps() {
        Engine engine = new Engine().addPolicy("p.rego", """
                package p
                n := count([x | some a in numbers.range(1, 300); some b in numbers.range(1, 300); x := a * b])
                """).setLimits(new Limits(10_000, Duration.ofSeconds(10), 1_000_000));
        RegoException e = assertThrows(RegoException.class, () -> engine.evalRule("data.p.n"));
        assertEquals("evaluation exceeded the limit of 10000 steps", e.getMessage());
    }

    @Test
    void policiesAreBoundedInSize() {
        String longLine = "package p\nx := \"" + "a".repeat(Engine.MAX_LINE_BYTES) + "\"\n";
        RegoException e = assertThrows(RegoException.class, () -> new Engine().addPolicy("big.rego", longLine));
        assertEquals("big.rego:2: line is longer than 65536 bytes", e.getMessage());
    }

    @Test
    void deepNestingIsARegoErrorNotAStackOverflow() {
        String nested = "[".repeat(200_000) + "]".repeat(200_000);
        RegoException e = assertThrows(RegoException.class, () -> new Engine().evalQuery("x := " + nested));
        assertTrue(e.getMessage().contains("eval_depth_error"), e.getMessage());
    }

    @Test
    void aMockCallingTheFunctionItReplacesGetsTheOriginal() {
        Engine engine = new Engine().addPolicy("p.rego", """
                package p
                mock(x) := count(x) + 1
                n := y if y := count([1, 2]) with count as mock
                """);
        assertEquals(NumberValue.parse("3"), engine.evalRule("data.p.n"));
    }

    @Test
    void recursionThroughFunctionsIsACompileError() {
        Engine engine = new Engine().addPolicy("p.rego", """
                package p
                f(x) := g(x)
                g(x) := f(x)
                """);
        RegoException e = assertThrows(RegoException.class, engine::compile);
        assertEquals("p.rego:2:1: error: rego_recursion_error: rule data.p.f is recursive: data.p.f -> data.p.g -> data.p.f",
                e.getMessage().lines().findFirst().orElseThrow());
    }

    @Test
    void recursionThroughRulesAndPackageReferencesIsACompileError() {
        Engine direct = new Engine().addPolicy("p.rego", "package p\nallow if allow\n");
        assertTrue(assertThrows(RegoException.class, direct::compile).getMessage()
                .contains("rego_recursion_error: rule data.p.allow is recursive: data.p.allow -> data.p.allow\n"));
        Engine whole = new Engine().addPolicy("p.rego", "package p\nx := 1\nkeys := object.keys(data.p)\n");
        assertTrue(assertThrows(RegoException.class, whole::compile).getMessage()
                .contains("rule data.p.keys is recursive: data.p.keys -> data.p.keys\n"));
    }

    @Test
    void localsNamedLikeRulesAreNotRecursion() {
        Engine engine = new Engine().addPolicy("p.rego", """
                package p
                f(x) := y if {
                    y := x + 1
                }
                y := f(1)
                x := [x | some x in [1, 2]]
                """);
        assertEquals(NumberValue.parse("2"), engine.evalRule("data.p.y"));
    }

    @Test
    void whatAnEvaluationBuildsIsBounded() {
        Engine engine = new Engine().addPolicy("p.rego", """
                package p
                pairs := [[a, b] | some a in numbers.range(1, 10000); some b in numbers.range(1, 10000)]
                """);
        long start = System.nanoTime();
        RegoException e = assertThrows(RegoException.class, () -> engine.evalRule("data.p.pairs"));
        assertTrue(e.getMessage().startsWith("p.rego:2:10: error: evaluation exceeded the limit of 4000000 cells built"),
                e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void stringsBuiltinsReturnCountTowardsTheBound() {
        StringBuilder policy = new StringBuilder("package p\ns0 := \"0123456789abcdef\"\n");
        for (int i = 1; i <= 40; i++) {
            policy.append("s").append(i).append(" := concat(\"\", [s").append(i - 1).append(", s").append(i - 1).append("])\n");
        }
        Engine engine = new Engine().addPolicy("p.rego", policy.toString());
        RegoException e = assertThrows(RegoException.class, () -> engine.evalRule("data.p.s40"));
        assertTrue(e.getMessage().contains("error: evaluation exceeded the limit of 4000000 cells built"), e.getMessage());
    }

    @Test
    void runningOutOfMemoryIsARegoError() {
        RegoException e = assertThrows(RegoException.class, () -> Engine.bounded("data.p.x", () -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        assertEquals("data.p.x: error: out of memory (heap exhausted)", e.getMessage());
    }

    /** Found by RegoFuzzTest: `6666e66666632` in a v0 policy took 53 s to parse. */
    @Test
    void aHugeExponentIsAFloatNotMillionsOfDigits() {
        long start = System.nanoTime();
        Engine engine = new Engine().addPolicy("p.rego", "package p\nx := 6666e66666632\ny := 1e3\n");
        assertTrue(((NumberValue) engine.evalRule("data.p.x")).isFloat());
        assertEquals(NumberValue.parse("1000"), engine.evalRule("data.p.y"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    }
}

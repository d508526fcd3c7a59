package io.github.coco4j.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.Value;
import org.junit.jupiter.api.Test;

/** Rego v0 forms that OPA's cases rely on and that Kata's policies do not use. */
class V0SyntaxTest {
    private static Value rule(String module, String path) {
        return new Engine().addPolicy("p.rego", module, false).evalRule(path);
    }

    @Test
    void bodyLessBracketRulesAddToASet() {
        String module = "package p\nq[1]\nq[2] { true }\ns[\"c\"]\nr = 1\n";
        assertEquals("[1,2]", rule(module, "data.p.q").toString());
        assertEquals("[\"c\"]", rule(module, "data.p.s").toString());
    }

    @Test
    void importingEveryAloneBringsIn() {
        String module = "package p\nimport future.keywords.every\nok { every x in [1, 2] { x > 0 } }\n";
        assertEquals(BoolValue.TRUE, rule(module, "data.p.ok"));
    }

    @Test
    void membershipInAListIsOneElement() {
        String module = "package p\nimport future.keywords.in\nf(_, b) = b\nok { f(1, 1 in [2]) == false; [1, 1 in [2]] == [1, false] }\n";
        assertEquals(BoolValue.TRUE, rule(module, "data.p.ok"));
    }
}

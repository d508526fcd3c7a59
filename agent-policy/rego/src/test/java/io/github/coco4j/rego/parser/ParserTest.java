package io.github.coco4j.rego.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Literal;
import io.github.coco4j.rego.ast.Module;
import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.lexer.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static Module v1(String text) {
        return Parser.parseModule(new Source("p.rego", text), true);
    }

    private static Module v0(String text) {
        return Parser.parseModule(new Source("p.rego", text), false);
    }

    private static String error(boolean regoV1, String text) {
        return assertThrows(RegoException.class, () -> Parser.parseModule(new Source("p.rego", text), regoV1)).getMessage();
    }

    @Test
    void packageImportsAndRuleKinds() {
        Module m = v1("""
                package agent_policy.sub
                import data.lib as l
                import input.process
                default allow := false
                allow if input.x
                ids contains id if some id in input.ids
                by_name[n] := v if some n, v in input.m
                f(x) := x + 1
                a.b.c := 1
                """);
        assertEquals(List.of("agent_policy", "sub"), m.packagePath());
        assertEquals("l", m.imports().get(0).alias());
        assertEquals("process", m.imports().get(1).alias());
        List<Rule> rules = m.rules();
        assertTrue(rules.get(0).isDefault());
        assertEquals(Rule.Kind.COMPLETE, rules.get(1).kind());
        assertEquals(Rule.Kind.PARTIAL_SET, rules.get(2).kind());
        assertEquals(Rule.Kind.PARTIAL_OBJECT, rules.get(3).kind());
        assertEquals(Rule.Kind.FUNCTION, rules.get(4).kind());
        assertEquals(List.of("a", "b", "c"), rules.get(5).path());
    }

    @Test
    void v0PartialSetsAndSeveralBodies() {
        Module m = v0("""
                package p
                s[x] { x := input.a[_] }
                t.member { true }
                u { input.a } { input.b }
                """);
        assertEquals(Rule.Kind.PARTIAL_SET, m.rules().get(0).kind());
        assertEquals(Rule.Kind.PARTIAL_SET, m.rules().get(1).kind());
        assertEquals(List.of("t"), m.rules().get(1).path());
        assertEquals(2, m.rules().stream().filter(r -> r.name().equals("u")).count());
    }

    @Test
    void elseChainsEveryWithAndPrecedence() {
        Module m = v1("""
                package p
                r := 1 if input.a
                else := 2 if input.b
                else := 3
                ok if {
                    every x in input.xs { x > 0 }
                    not input.bad with input.bad as false
                    y := 1 + 2 * 3
                }
                """);
        assertEquals(2, m.rules().get(0).elses().size());
        List<Literal> body = m.rules().get(1).body().literals();
        assertInstanceOf(Literal.Every.class, body.get(0));
        Literal.ExprLiteral negated = (Literal.ExprLiteral) body.get(1);
        assertTrue(negated.negated());
        assertEquals(1, negated.withs().size());
        Expr.Assign assign = (Expr.Assign) ((Literal.ExprLiteral) body.get(2)).expr();
        Expr.Binary sum = (Expr.Binary) assign.right();
        assertEquals(Expr.Operator.PLUS, sum.operator());
        assertEquals(Expr.Operator.TIMES, ((Expr.Binary) sum.right()).operator());
    }

    @Test
    void comprehensionsAndCollections() {
        Module m = v1("""
                package p
                a := [x | some x in input.xs]
                s := {x | some x in input.xs}
                o := {k: v | some k, v in input.m}
                e := set()
                u := {1} | {2}
                """);
        assertInstanceOf(Expr.ArrayComprehension.class, m.rules().get(0).value());
        assertInstanceOf(Expr.SetComprehension.class, m.rules().get(1).value());
        assertInstanceOf(Expr.ObjectComprehension.class, m.rules().get(2).value());
        assertInstanceOf(Expr.SetLiteral.class, m.rules().get(3).value());
        assertEquals(Expr.Operator.UNION, ((Expr.Binary) m.rules().get(4).value()).operator());
    }

    @Test
    void errorsNamePositionAndWhatWasExpected() {
        String missingValue = error(true, "package p\nallow if {\n  x := \n}\n");
        assertTrue(missingValue.startsWith("p.rego:4:1: error: "), missingValue);
        assertTrue(missingValue.contains("\n}\n^"), missingValue);
        assertTrue(error(true, "package p\nallow {\n  true\n}\n").contains("`if` keyword is required before rule body"));
        assertTrue(error(true, "package p\nallow if {\n").startsWith("p.rego:3:"), error(true, "package p\nallow if {\n"));
        assertTrue(error(true, "allow := true\n").contains("p.rego:1:1: error:"));
        assertTrue(error(true, "package p\ndefault allow := input.x\n").contains("p.rego:2:"));
        assertTrue(error(false, "package p\nallow { x := [1, 2 }\n").startsWith("p.rego:2:"));
        assertTrue(error(true, "package p\nf(x) := y if {\n  y := \"unterminated\n}\n").startsWith("p.rego:3:"));
    }

    @Test
    void queriesParseOnTheirOwn() {
        var q = Parser.parseQuery(new Source("q", "x := data.p.a[_]; x > 1"), true);
        assertEquals(2, q.literals().size());
    }
}

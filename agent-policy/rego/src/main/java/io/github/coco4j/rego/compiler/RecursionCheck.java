package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Literal;
import io.github.coco4j.rego.ast.Position;
import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.value.StringValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rejects rules and functions that depend on themselves, directly or through other rules, as
 * OPA does at compile time ({@code rego_recursion_error}): evaluating them would only end at the
 * evaluation's depth limit. A rule depends on every rule it calls or references; a reference
 * that stops above rules ({@code data.p}, {@code data[x]}) depends on every rule below it.
 */
final class RecursionCheck {
    private final DocumentNode root;
    private final Map<Expr.Call, Callee> callees;
    private final Map<Expr.Ref, RefChain> refs;
    private final Map<DocumentNode, Set<DocumentNode>> edges = new LinkedHashMap<>();

    private RecursionCheck(DocumentNode root, Map<Expr.Call, Callee> callees, Map<Expr.Ref, RefChain> refs) {
        this.root = root;
        this.callees = callees;
        this.refs = refs;
    }

    static void check(DocumentNode root, List<ModuleScope> scopes, Map<Expr.Call, Callee> callees,
                      Map<Expr.Ref, RefChain> refs) {
        RecursionCheck check = new RecursionCheck(root, callees, refs);
        for (ModuleScope scope : scopes) {
            for (Rule rule : scope.module().rules()) {
                DocumentNode node = scope.packageNode().descend(rule.path());
                check.edges.computeIfAbsent(node, n -> new LinkedHashSet<>()).addAll(check.dependencies(rule, scope));
            }
        }
        check.findCycle();
    }

    /** The rule nodes {@code rule} calls or references. */
    private Set<DocumentNode> dependencies(Rule rule, ModuleScope scope) {
        Set<String> locals = locals(rule);
        Set<DocumentNode> out = new LinkedHashSet<>();
        // A reference's heads are references too; only the outermost one says how deep it goes.
        Set<Expr> inner = Collections.newSetFromMap(new IdentityHashMap<>());
        new AstWalker(expr -> {
            if (inner.contains(expr)) {
                return;
            }
            if (expr instanceof Expr.Call call && callees.get(call) instanceof Callee.Function f) {
                out.add(f.node());
            } else if (expr instanceof Expr.Ref ref) {
                RefChain chain = refs.getOrDefault(ref, RefChain.of(ref));
                for (Expr at = ref; at instanceof Expr.Ref r; at = r.head()) {
                    inner.add(r.head());
                }
                reference(chain.head(), chain.indices(), scope, locals, out);
            } else if (expr instanceof Expr.Var v) {
                reference(v, List.of(), scope, locals, out);
            }
        }).rule(rule);
        return out;
    }

    private void reference(Expr head, List<Expr> indices, ModuleScope scope, Set<String> locals,
                           Set<DocumentNode> out) {
        if (!(head instanceof Expr.Var v) || v.isWildcard() || locals.contains(v.name())) {
            return;
        }
        List<Expr> path = new ArrayList<>();
        DocumentNode start;
        List<String> imported = scope.imports().get(v.name());
        if (v.name().equals("data")) {
            start = root;
        } else if (scope.packageNode().child(v.name()) != null) {
            start = scope.packageNode().child(v.name());
        } else if (imported != null && imported.get(0).equals("data")) {
            start = root;
            imported.subList(1, imported.size()).forEach(s -> path.add(new Expr.Scalar(v.position(), StringValue.of(s))));
        } else {
            return;
        }
        path.addAll(indices);
        DocumentNode reached = deepest(start, path);
        if (reached != null) {
            ruleNodes(reached, out);
        }
    }

    /**
     * The node a reference reaches through its constant segments, stopping at the first rule;
     * null when it leaves the rules for base data.
     */
    private static DocumentNode deepest(DocumentNode start, List<Expr> path) {
        DocumentNode at = start;
        for (Expr segment : path) {
            if (at.definesValue() || at.definesFunction() || !(segment instanceof Expr.Scalar s)) {
                return at;
            }
            // Rules have string names: a constant of another type names base data only.
            if (!(s.value() instanceof StringValue name)) {
                return null;
            }
            at = at.child(name.value());
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    private static void ruleNodes(DocumentNode node, Set<DocumentNode> out) {
        if (node.definesValue() || node.definesFunction()) {
            out.add(node);
            return;
        }
        node.children().values().forEach(child -> ruleNodes(child, out));
    }

    /** Names the rule declares for itself (arguments, {@code :=}, {@code some}, {@code every}). */
    private static Set<String> locals(Rule rule) {
        Set<String> names = new HashSet<>();
        AstWalker declared = new AstWalker(expr -> vars(expr, names));
        if (rule.args() != null) {
            rule.args().forEach(declared::expr);
        }
        new AstWalker(expr -> {
            if (expr instanceof Expr.Assign a && a.declare()) {
                declared.expr(a.left());
            }
        }, literal -> {
            if (literal instanceof Literal.SomeDecl s) {
                s.vars().forEach(v -> names.add(v.name()));
            } else if (literal instanceof Literal.SomeIn s) {
                declared.expr(s.key());
                declared.expr(s.value());
            } else if (literal instanceof Literal.Every e) {
                declared.expr(e.key());
                declared.expr(e.value());
            }
        }).rule(rule);
        return names;
    }

    private static void vars(Expr expr, Set<String> names) {
        if (expr instanceof Expr.Var v) {
            names.add(v.name());
        }
    }

    /** Depth-first search; the first rule found on a path back to itself is reported. */
    private void findCycle() {
        Map<DocumentNode, Boolean> done = new HashMap<>();
        List<DocumentNode> path = new ArrayList<>();
        for (DocumentNode node : edges.keySet()) {
            visit(node, path, done);
        }
    }

    private void visit(DocumentNode node, List<DocumentNode> path, Map<DocumentNode, Boolean> done) {
        if (Boolean.TRUE.equals(done.get(node))) {
            return;
        }
        if (done.containsKey(node)) {
            throw recursive(path.subList(path.indexOf(node), path.size()));
        }
        done.put(node, false);
        path.add(node);
        for (DocumentNode next : edges.getOrDefault(node, Set.of())) {
            visit(next, path, done);
        }
        path.remove(path.size() - 1);
        done.put(node, true);
    }

    private static RuntimeException recursive(List<DocumentNode> cycle) {
        DocumentNode first = cycle.get(0);
        StringBuilder chain = new StringBuilder();
        for (DocumentNode node : cycle) {
            chain.append(node.dottedPath()).append(" -> ");
        }
        chain.append(first.dottedPath());
        return position(first).error("rego_recursion_error: rule " + first.dottedPath() + " is recursive: " + chain);
    }

    private static Position position(DocumentNode node) {
        List<RuleDefinition> definitions = new ArrayList<>(node.rules());
        definitions.addAll(node.functions());
        if (node.defaultRule() != null) {
            definitions.add(node.defaultRule());
        }
        return definitions.get(0).rule().position();
    }
}

package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.value.Value;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Modules compiled once and shared by evaluations: the tree of rules under {@code data}, each
 * call's resolved target and each reference flattened.
 */
public final class CompiledPolicy {
    private final DocumentNode root;
    private final List<ModuleScope> modules;
    private final Map<Expr.Call, Callee> callees;
    private final Map<Expr.Ref, RefChain> refs;
    private final Map<Expr, Value> constants;

    CompiledPolicy(DocumentNode root, List<ModuleScope> modules, IdentityHashMap<Expr.Call, Callee> callees,
                   IdentityHashMap<Expr.Ref, RefChain> refs, IdentityHashMap<Expr, Value> constants) {
        this.root = root;
        this.modules = List.copyOf(modules);
        this.callees = callees;
        this.refs = refs;
        this.constants = constants;
    }

    /** The value of an array, set or object literal made only of constants, computed once; else null. */
    public Value constant(Expr literal) {
        return constants.get(literal);
    }

    public DocumentNode root() {
        return root;
    }

    public List<ModuleScope> modules() {
        return modules;
    }

    /** The call's target, or null for a call outside the compiled modules. */
    public Callee callee(Expr.Call call) {
        return callees.get(call);
    }

    /** The flattened reference, or null for a reference outside the compiled modules. */
    public RefChain ref(Expr.Ref ref) {
        return refs.get(ref);
    }

    /** The node at {@code data.<path>}, or null. */
    public DocumentNode node(List<String> path) {
        return root.descend(path);
    }
}

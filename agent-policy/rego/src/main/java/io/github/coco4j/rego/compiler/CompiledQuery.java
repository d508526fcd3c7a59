package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Query;
import java.util.IdentityHashMap;

/** An ad-hoc query compiled against a policy: its own calls and references resolved. */
public record CompiledQuery(Query query, ModuleScope scope, IdentityHashMap<Expr.Call, Callee> callees,
                            IdentityHashMap<Expr.Ref, RefChain> refs) {
}

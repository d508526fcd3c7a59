package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Expr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A reference flattened: {@code a.b[c][d]} is head {@code a} and indices {@code "b", c, d}. */
public record RefChain(Expr head, List<Expr> indices) {
    public static RefChain of(Expr.Ref ref) {
        List<Expr> indices = new ArrayList<>();
        Expr at = ref;
        while (at instanceof Expr.Ref r) {
            indices.add(r.index());
            at = r.head();
        }
        Collections.reverse(indices);
        return new RefChain(at, List.copyOf(indices));
    }
}

package io.github.coco4j.rego.ast;

import java.util.List;

/** One statement of a query. */
public sealed interface Literal {
    Position position();

    /** {@code target as value} after an expression. */
    record With(Position position, Expr target, Expr value) {
    }

    /** An expression, possibly negated, with {@code with} modifiers. */
    record ExprLiteral(Position position, Expr expr, boolean negated, List<With> withs) implements Literal {
    }

    /** {@code some x, y} declares local variables. */
    record SomeDecl(Position position, List<Expr.Var> vars) implements Literal {
    }

    /** {@code some [key,] value in collection}. */
    record SomeIn(Position position, Expr key, Expr value, Expr collection, List<With> withs) implements Literal {
    }

    /** {@code every [key,] value in domain { body }}. */
    record Every(Position position, Expr.Var key, Expr.Var value, Expr domain, Query body, List<With> withs)
            implements Literal {
    }
}

package io.github.coco4j.rego.ast;

import io.github.coco4j.rego.value.Value;
import java.util.List;

/** Rego expressions and terms. */
public sealed interface Expr {
    Position position();

    /** A literal scalar: null, boolean, number or string. */
    record Scalar(Position position, Value value) implements Expr {
    }

    /** A variable; {@code _} is a fresh, anonymous one at each occurrence. */
    record Var(Position position, String name) implements Expr {
        public boolean isWildcard() {
            return name.equals("_");
        }
    }

    /** {@code head.field} or {@code head[index]}. */
    record Ref(Position position, Expr head, Expr index, boolean dotted) implements Expr {
    }

    record ArrayLiteral(Position position, List<Expr> elements) implements Expr {
    }

    record SetLiteral(Position position, List<Expr> elements) implements Expr {
    }

    record ObjectLiteral(Position position, List<Expr> keys, List<Expr> values) implements Expr {
    }

    record ArrayComprehension(Position position, Expr term, Query body) implements Expr {
    }

    record SetComprehension(Position position, Expr term, Query body) implements Expr {
    }

    record ObjectComprehension(Position position, Expr key, Expr value, Query body) implements Expr {
    }

    /** A call of a function or builtin named by {@code function} (a var or a dotted ref). */
    record Call(Position position, Expr function, List<Expr> args) implements Expr {
    }

    enum Operator {
        PLUS("+"), MINUS("-"), TIMES("*"), DIVIDE("/"), MODULO("%"), UNION("|"), INTERSECTION("&"),
        EQ("=="), NEQ("!="), LT("<"), LTE("<="), GT(">"), GTE(">=");

        public final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public boolean isComparison() {
            return ordinal() >= EQ.ordinal();
        }
    }

    record Binary(Position position, Operator operator, Expr left, Expr right) implements Expr {
    }

    /** Unary minus. */
    record Negate(Position position, Expr operand) implements Expr {
    }

    /** {@code value in collection} or {@code key, value in collection}; key may be null. */
    record Membership(Position position, Expr key, Expr value, Expr collection) implements Expr {
    }

    /** {@code left := right} (declares) or {@code left = right} (unifies). */
    record Assign(Position position, Expr left, Expr right, boolean declare) implements Expr {
    }
}

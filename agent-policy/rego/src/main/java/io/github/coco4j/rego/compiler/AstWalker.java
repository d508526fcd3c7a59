package io.github.coco4j.rego.compiler;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Literal;
import io.github.coco4j.rego.ast.Query;
import io.github.coco4j.rego.ast.Rule;
import java.util.function.Consumer;

/** Visits every expression (outermost first) and every literal of rules and queries. */
final class AstWalker {
    private final Consumer<Expr> visitor;
    private final Consumer<Literal> literals;

    AstWalker(Consumer<Expr> visitor) {
        this(visitor, literal -> { });
    }

    AstWalker(Consumer<Expr> visitor, Consumer<Literal> literals) {
        this.visitor = visitor;
        this.literals = literals;
    }

    void rule(Rule rule) {
        rule.keys().forEach(this::expr);
        expr(rule.element());
        if (rule.args() != null) {
            rule.args().forEach(this::expr);
        }
        expr(rule.value());
        query(rule.body());
        for (Rule.Else branch : rule.elses()) {
            expr(branch.value());
            query(branch.body());
        }
    }

    void query(Query query) {
        if (query != null) {
            query.literals().forEach(this::literal);
        }
    }

    private void literal(Literal literal) {
        literals.accept(literal);
        if (literal instanceof Literal.ExprLiteral e) {
            expr(e.expr());
            withs(e.withs());
        } else if (literal instanceof Literal.SomeDecl s) {
            s.vars().forEach(this::expr);
        } else if (literal instanceof Literal.SomeIn s) {
            expr(s.key());
            expr(s.value());
            expr(s.collection());
            withs(s.withs());
        } else if (literal instanceof Literal.Every e) {
            expr(e.key());
            expr(e.value());
            expr(e.domain());
            query(e.body());
            withs(e.withs());
        }
    }

    private void withs(java.util.List<Literal.With> withs) {
        for (Literal.With w : withs) {
            expr(w.target());
            expr(w.value());
        }
    }

    void expr(Expr expr) {
        if (expr == null) {
            return;
        }
        visitor.accept(expr);
        if (expr instanceof Expr.Ref r) {
            expr(r.head());
            expr(r.index());
        } else if (expr instanceof Expr.ArrayLiteral a) {
            a.elements().forEach(this::expr);
        } else if (expr instanceof Expr.SetLiteral s) {
            s.elements().forEach(this::expr);
        } else if (expr instanceof Expr.ObjectLiteral o) {
            o.keys().forEach(this::expr);
            o.values().forEach(this::expr);
        } else if (expr instanceof Expr.ArrayComprehension c) {
            expr(c.term());
            query(c.body());
        } else if (expr instanceof Expr.SetComprehension c) {
            expr(c.term());
            query(c.body());
        } else if (expr instanceof Expr.ObjectComprehension c) {
            expr(c.key());
            expr(c.value());
            query(c.body());
        } else if (expr instanceof Expr.Call c) {
            c.args().forEach(this::expr);
        } else if (expr instanceof Expr.Binary b) {
            expr(b.left());
            expr(b.right());
        } else if (expr instanceof Expr.Negate n) {
            expr(n.operand());
        } else if (expr instanceof Expr.Membership m) {
            expr(m.key());
            expr(m.value());
            expr(m.collection());
        } else if (expr instanceof Expr.Assign a) {
            expr(a.left());
            expr(a.right());
        }
    }
}

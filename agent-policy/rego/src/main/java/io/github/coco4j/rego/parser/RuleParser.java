package io.github.coco4j.rego.parser;

import io.github.coco4j.rego.RegoException;
import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Literal;
import io.github.coco4j.rego.ast.Position;
import io.github.coco4j.rego.ast.Query;
import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.lexer.Token;
import io.github.coco4j.rego.lexer.TokenType;
import io.github.coco4j.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One rule statement: {@code [default] head [= value | := value | contains key] [if] body
 * [else ...]}. The head is a name with fixed {@code .field} / {@code ["field"]} segments, then
 * optionally a key in brackets (partial set or object) or parameters (function).
 */
final class RuleParser {
    private final TokenStream in;
    private final ExpressionParser expressions;
    private final Function<TokenType, Query> query;
    private final Supplier<Literal> literal;

    RuleParser(TokenStream in, ExpressionParser expressions, Function<TokenType, Query> query, Supplier<Literal> literal) {
        this.in = in;
        this.expressions = expressions;
        this.query = query;
        this.literal = literal;
    }

    /** The rules of one statement: several when a v0 rule has more than one body. */
    List<Rule> rule() {
        Token start = in.peek();
        Position at = in.position(start);
        boolean isDefault = false;
        if (start.isIdent("default")) {
            in.next();
            isDefault = true;
        }
        Head head = head();
        Rule.Kind kind;
        Expr element = null;
        Expr value = null;
        List<Expr> keys = head.keys;
        List<String> path = head.path;
        if (head.args != null) {
            kind = Rule.Kind.FUNCTION;
            value = assignedValue(isDefault);
        } else if (in.atKeyword("contains")) {
            in.next();
            element = expressions.expression();
            kind = Rule.Kind.PARTIAL_SET;
        } else {
            value = assignedValue(isDefault);
            kind = keys.isEmpty() ? Rule.Kind.COMPLETE : Rule.Kind.PARTIAL_OBJECT;
            boolean setFollows = value == null && !isDefault && !in.at(TokenType.EOF)
                    && !(in.peek().is(TokenType.IDENT) && in.isKeyword(in.peek().text()));
            // v0: p[x] { … } adds x to the set p, and so does a body-less p[x].
            boolean v0BodyLess = !in.regoV1 && value == null && !isDefault;
            if ((setFollows || v0BodyLess) && head.oneBracket) {
                kind = Rule.Kind.PARTIAL_SET;
                if (keys.isEmpty()) {
                    // p["c"]: the string went into the path; it is the element.
                    element = new Expr.Scalar(at, StringValue.of(path.get(path.size() - 1)));
                    path = path.subList(0, path.size() - 1);
                } else {
                    element = keys.get(0);
                    keys = List.of();
                }
            } else if (setFollows && head.oneDot && !in.regoV1) {
                // v0: p.q { … } adds "q" to the set p.
                kind = Rule.Kind.PARTIAL_SET;
                element = new Expr.Scalar(at, StringValue.of(path.get(1)));
                path = path.subList(0, 1);
            }
        }
        if (isDefault) {
            if (value == null) {
                throw in.error(start, "default rule must have a value");
            }
            return List.of(new Rule(at, kind, path, keys, null, head.args, value, true, new Query(at, List.of()), List.of()));
        }
        List<Query> bodies = bodies(start, kind, value, element, head);
        List<Rule.Else> elses = elses();
        if (!elses.isEmpty() && kind == Rule.Kind.PARTIAL_SET) {
            throw elses.get(0).position().error("else cannot be used with set rules");
        }
        List<Rule> rules = new ArrayList<>();
        for (Query body : bodies) {
            rules.add(new Rule(at, kind, path, keys, element, head.args, value, false, body, rules.isEmpty() ? elses : List.of()));
        }
        return rules;
    }

    private Expr assignedValue(boolean isDefault) {
        if (in.at(TokenType.ASSIGN) || in.at(TokenType.UNIFY)) {
            in.next();
            return isDefault ? defaultValue() : expressions.expression();
        }
        return null;
    }

    /**
     * The rule's reference: its fixed segments ({@code .name}, {@code ["name"]}) then computed
     * keys, or parameters. {@code oneBracket} / {@code oneDot}: the head is exactly
     * {@code name[key]} / {@code name.field}, the forms a v0 partial set takes.
     */
    private record Head(List<String> path, List<Expr> keys, List<Expr> args, boolean oneBracket, boolean oneDot) {
    }

    private Head head() {
        Token name = in.next();
        if (!name.is(TokenType.IDENT) || in.isKeyword(name.text())) {
            throw in.error(name, "unexpected " + name.describe() + ": expecting a rule");
        }
        List<String> path = new ArrayList<>(List.of(name.text()));
        List<Expr> keys = new ArrayList<>();
        int dots = 0;
        int brackets = 0;
        while (!in.peek().newlineBefore() && in.peek().offset() == in.previous().end()) {
            Token t = in.peek();
            if (t.is(TokenType.DOT)) {
                in.next();
                String field = in.expect(TokenType.IDENT, "in rule name").text();
                addSegment(path, keys, new Expr.Scalar(in.position(t), StringValue.of(field)));
                dots++;
            } else if (t.is(TokenType.LBRACKET)) {
                in.next();
                Expr index = expressions.expression();
                in.expect(TokenType.RBRACKET, "in rule head");
                addSegment(path, keys, index);
                brackets++;
            } else if (t.is(TokenType.LPAREN)) {
                if (!keys.isEmpty()) {
                    throw in.error(t, "a function name cannot have computed parts");
                }
                in.next();
                List<Expr> args = new ArrayList<>();
                if (!in.at(TokenType.RPAREN)) {
                    args.add(expressions.term());
                    while (in.at(TokenType.COMMA)) {
                        in.next();
                        if (in.at(TokenType.RPAREN)) {
                            break;
                        }
                        args.add(expressions.term());
                    }
                }
                in.expect(TokenType.RPAREN, "while parsing function rule args");
                return new Head(path, List.of(), args, false, false);
            } else {
                break;
            }
        }
        return new Head(path, keys, null, brackets == 1 && dots == 0, dots == 1 && brackets == 0);
    }

    /** Strings extend the fixed path until the first computed part; after it, everything is a key. */
    private static void addSegment(List<String> path, List<Expr> keys, Expr segment) {
        if (keys.isEmpty() && segment instanceof Expr.Scalar s && s.value() instanceof StringValue str) {
            path.add(str.value());
        } else {
            keys.add(segment);
        }
    }

    /**
     * A default value is a constant: comparisons are parsed (so the message can name them) but
     * not membership, and anything computed is refused.
     */
    private Expr defaultValue() {
        Expr value = expressions.comparison();
        checkConstant(value);
        return value;
    }

    private void checkConstant(Expr e) {
        String invalid = invalidInDefault(e);
        if (invalid != null) {
            throw e.position().error("invalid `" + invalid + "` in default value");
        }
        if (e instanceof Expr.ArrayLiteral a) {
            a.elements().forEach(this::checkConstant);
        } else if (e instanceof Expr.SetLiteral s) {
            s.elements().forEach(this::checkConstant);
        } else if (e instanceof Expr.ObjectLiteral o) {
            o.keys().forEach(this::checkConstant);
            o.values().forEach(this::checkConstant);
        }
    }

    /** The name of a construct that makes {@code e} computed rather than constant, or null. */
    private static String invalidInDefault(Expr e) {
        if (e instanceof Expr.Var) {
            return "var";
        } else if (e instanceof Expr.Ref) {
            return "ref";
        } else if (e instanceof Expr.Call) {
            return "call";
        } else if (e instanceof Expr.Negate) {
            return "unaryexpr";
        } else if (e instanceof Expr.Binary b) {
            if (b.operator().isComparison()) {
                return "boolexpr";
            }
            return b.operator() == Expr.Operator.UNION || b.operator() == Expr.Operator.INTERSECTION ? "binexpr" : "arithexpr";
        } else if (e instanceof Expr.Membership) {
            return "membership";
        } else if (e instanceof Expr.Assign) {
            return "assignexpr";
        }
        return null;
    }

    private List<Query> bodies(Token start, Rule.Kind kind, Expr value, Expr element, Head head) {
        List<Query> bodies = new ArrayList<>();
        if (in.atKeyword("if")) {
            in.next();
            bodies.add(bodyAfterIf());
        } else if (in.at(TokenType.LBRACE) && !in.peek().newlineBefore()) {
            if (in.regoV1) {
                throw in.error(in.peek(), "`if` keyword is required before rule body");
            }
            bodies.add(braces());
            while (in.at(TokenType.LBRACE) && !in.peek().newlineBefore()) {
                bodies.add(braces());
            }
        } else {
            if (in.regoV1 && value == null && element == null) {
                throw in.error(start, head.oneDot ? "`contains` keyword is required for partial set rules"
                        : "rule must have a body or assignment");
            }
            bodies.add(new Query(in.position(start), List.of()));
        }
        return bodies;
    }

    private Query bodyAfterIf() {
        if (in.at(TokenType.LBRACE)) {
            return bracesOrBraceTerm();
        }
        return singleLiteral();
    }

    /**
     * After `if`, a brace opens a body, unless what it encloses is no body: then, as in OPA, the
     * braces are a term (an object or set, a comprehension of either) standing as the whole body.
     * The body's error is the one reported when neither reading works.
     */
    private Query bracesOrBraceTerm() {
        int mark = in.mark();
        try {
            return braces();
        } catch (RegoException notABody) {
            in.reset(mark);
            try {
                return singleLiteral();
            } catch (RegoException notATerm) {
                throw notABody;
            }
        }
    }

    private Query singleLiteral() {
        Position at = in.position();
        return new Query(at, List.of(literal.get()));
    }

    private Query braces() {
        in.expect(TokenType.LBRACE, "to start rule body");
        Query body = query.apply(TokenType.RBRACE);
        in.expect(TokenType.RBRACE, "to end rule body");
        return body;
    }

    private List<Rule.Else> elses() {
        List<Rule.Else> elses = new ArrayList<>();
        while (in.atKeyword("else")) {
            Position at = in.position(in.next());
            Expr value = null;
            if (in.at(TokenType.ASSIGN) || in.at(TokenType.UNIFY)) {
                in.next();
                value = expressions.expression();
            }
            Query body;
            if (in.atKeyword("if")) {
                in.next();
                body = bodyAfterIf();
            } else if (in.at(TokenType.LBRACE) && !in.peek().newlineBefore()) {
                if (in.regoV1) {
                    throw in.error(in.peek(), "`if` keyword is required before rule body");
                }
                body = braces();
            } else {
                body = new Query(at, List.of());
            }
            elses.add(new Rule.Else(at, value, body));
        }
        return elses;
    }
}

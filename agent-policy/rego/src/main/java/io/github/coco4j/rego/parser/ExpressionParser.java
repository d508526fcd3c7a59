package io.github.coco4j.rego.parser;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Position;
import io.github.coco4j.rego.ast.Query;
import io.github.coco4j.rego.lexer.Token;
import io.github.coco4j.rego.lexer.TokenType;
import io.github.coco4j.rego.value.BoolValue;
import io.github.coco4j.rego.value.NullValue;
import io.github.coco4j.rego.value.NumberValue;
import io.github.coco4j.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Expressions, by precedence from lowest: membership ({@code in}), comparison, set union
 * {@code |}, set intersection {@code &}, {@code + -}, {@code * / %}, then terms (scalars,
 * variables, references, calls, collections and comprehensions).
 */
final class ExpressionParser {
    private final TokenStream in;
    /** Parses a comprehension body: supplied by the rule parser. */
    private final Supplier<Query> queryInBraces;
    private boolean unionStopsExpression;

    ExpressionParser(TokenStream in, Supplier<Query> queryBody) {
        this.in = in;
        this.queryInBraces = queryBody;
    }

    /** A full expression, including membership. */
    Expr expression() {
        Expr left = comparison();
        if (in.at(TokenType.COMMA) && isMembershipAfterComma()) {
            in.next();
            Expr value = comparison();
            in.expectKeyword("in", "in membership expression");
            left = new Expr.Membership(left.position(), left, value, comparison());
        }
        return membershipChain(left);
    }

    /**
     * An element of a comma-separated list (call arguments, collection elements): membership
     * without a key, since the comma there separates elements ({@code f(1, 1 in [2])} has two
     * arguments).
     */
    Expr listElement() {
        return membershipChain(comparison());
    }

    private Expr membershipChain(Expr left) {
        Expr result = left;
        while (in.atKeyword("in")) {
            in.next();
            result = new Expr.Membership(result.position(), null, result, comparison());
        }
        return result;
    }

    /** {@code k, v in xs}: a comma followed by an expression and {@code in}. */
    private boolean isMembershipAfterComma() {
        int mark = in.mark();
        try {
            in.next();
            comparison();
            return in.atKeyword("in");
        } catch (RuntimeException notMembership) {
            return false;
        } finally {
            in.reset(mark);
        }
    }

    Expr comparison() {
        Expr left = union();
        while (true) {
            Expr.Operator op = switch (in.peek().type()) {
                case EQ -> Expr.Operator.EQ;
                case NEQ -> Expr.Operator.NEQ;
                case LT -> Expr.Operator.LT;
                case LTE -> Expr.Operator.LTE;
                case GT -> Expr.Operator.GT;
                case GTE -> Expr.Operator.GTE;
                default -> null;
            };
            if (op == null) {
                return left;
            }
            in.next();
            left = new Expr.Binary(left.position(), op, left, union());
        }
    }

    private Expr union() {
        Expr left = intersection();
        while (in.at(TokenType.PIPE) && !unionStopsExpression) {
            in.next();
            left = new Expr.Binary(left.position(), Expr.Operator.UNION, left, intersection());
        }
        return left;
    }

    private Expr intersection() {
        Expr left = additive();
        while (in.at(TokenType.AMPERSAND)) {
            in.next();
            left = new Expr.Binary(left.position(), Expr.Operator.INTERSECTION, left, additive());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (in.at(TokenType.PLUS) || in.at(TokenType.MINUS)) {
            Expr.Operator op = in.next().is(TokenType.PLUS) ? Expr.Operator.PLUS : Expr.Operator.MINUS;
            left = new Expr.Binary(left.position(), op, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = term();
        while (in.at(TokenType.STAR) || in.at(TokenType.SLASH) || in.at(TokenType.PERCENT)) {
            Expr.Operator op = switch (in.next().type()) {
                case STAR -> Expr.Operator.TIMES;
                case SLASH -> Expr.Operator.DIVIDE;
                default -> Expr.Operator.MODULO;
            };
            left = new Expr.Binary(left.position(), op, left, term());
        }
        return left;
    }

    /** A term with its reference and call suffixes. */
    Expr term() {
        Token t = in.peek();
        if (t.is(TokenType.MINUS)) {
            in.next();
            Expr operand = term();
            if (operand instanceof Expr.Scalar s && s.value() instanceof NumberValue n) {
                return new Expr.Scalar(in.position(t), n.negate());
            }
            return new Expr.Negate(in.position(t), operand);
        }
        if (t.is(TokenType.LPAREN)) {
            in.next();
            boolean saved = unionStopsExpression;
            unionStopsExpression = false;
            Expr inner = expression();
            unionStopsExpression = saved;
            in.expect(TokenType.RPAREN, "after parenthesized expression");
            return suffixes(inner);
        }
        return suffixes(primary());
    }

    private Expr primary() {
        Token t = in.next();
        Position at = in.position(t);
        switch (t.type()) {
            case NUMBER:
                return new Expr.Scalar(at, NumberValue.parse(t.text()));
            case STRING:
            case RAW_STRING:
                return new Expr.Scalar(at, StringValue.of(t.text()));
            case LBRACKET:
                return arrayOrComprehension(at);
            case LBRACE:
                return objectSetOrComprehension(at);
            case IDENT:
                return identifier(t, at);
            default:
                throw in.error(t, "unexpected " + t.describe());
        }
    }

    private Expr identifier(Token t, Position at) {
        switch (t.text()) {
            case "true":
                return new Expr.Scalar(at, BoolValue.TRUE);
            case "false":
                return new Expr.Scalar(at, BoolValue.FALSE);
            case "null":
                return new Expr.Scalar(at, NullValue.NULL);
            case "set":
                if (in.at(TokenType.LPAREN) && in.peek(1).is(TokenType.RPAREN) && !in.peek().newlineBefore()) {
                    in.next();
                    in.next();
                    return new Expr.SetLiteral(at, List.of());
                }
                return new Expr.Var(at, t.text());
            default:
                // `contains` is a keyword only in rule heads; followed by `(` it is the builtin.
                boolean call = t.text().equals("contains") && in.at(TokenType.LPAREN) && in.peek().offset() == t.end();
                if (in.isKeyword(t.text()) && !call) {
                    throw in.error(t, "unexpected keyword `" + t.text() + "`");
                }
                return new Expr.Var(at, t.text());
        }
    }

    /** {@code .field}, {@code [index]} and {@code (args)} on the same line. */
    private Expr suffixes(Expr term) {
        Expr result = term;
        while (!in.peek().newlineBefore()) {
            Token t = in.peek();
            if (t.is(TokenType.DOT)) {
                in.next();
                Token field = in.next();
                if (!field.is(TokenType.IDENT)) {
                    throw in.error(field, "expecting identifier after `.`, found " + field.describe());
                }
                if (field.offset() != t.end()) {
                    throw in.error(field, "invalid whitespace between . and identifier");
                }
                result = new Expr.Ref(result.position(), result, new Expr.Scalar(in.position(field), StringValue.of(field.text())), true);
            } else if (t.is(TokenType.LBRACKET) && adjacent(t)) {
                in.next();
                boolean saved = unionStopsExpression;
                unionStopsExpression = false;
                Expr index = expression();
                unionStopsExpression = saved;
                in.expect(TokenType.RBRACKET, "after reference index");
                result = new Expr.Ref(result.position(), result, index, false);
            } else if (t.is(TokenType.LPAREN) && adjacent(t) && isCallable(result)) {
                in.next();
                result = new Expr.Call(result.position(), result, arguments());
            } else {
                return result;
            }
        }
        return result;
    }

    /** Brackets and call parentheses bind only without whitespace before them. */
    private boolean adjacent(Token t) {
        return t.offset() == in.previous().end();
    }

    private static boolean isCallable(Expr e) {
        if (e instanceof Expr.Var) {
            return true;
        }
        return e instanceof Expr.Ref r && r.dotted() && isCallable(r.head());
    }

    private List<Expr> arguments() {
        List<Expr> args = new ArrayList<>();
        boolean saved = unionStopsExpression;
        unionStopsExpression = false;
        if (!in.at(TokenType.RPAREN)) {
            args.add(listElement());
            while (in.at(TokenType.COMMA)) {
                in.next();
                if (in.at(TokenType.RPAREN)) {
                    break;
                }
                args.add(listElement());
            }
        }
        unionStopsExpression = saved;
        in.expect(TokenType.RPAREN, "while parsing call expr");
        return args;
    }

    private Expr arrayOrComprehension(Position at) {
        if (in.at(TokenType.RBRACKET)) {
            in.next();
            return new Expr.ArrayLiteral(at, List.of());
        }
        Expr first = elementExpression();
        if (in.at(TokenType.PIPE)) {
            in.next();
            Query body = comprehensionBody(TokenType.RBRACKET);
            return new Expr.ArrayComprehension(at, first, body);
        }
        List<Expr> elements = collectionTail(first, TokenType.RBRACKET);
        return new Expr.ArrayLiteral(at, elements);
    }

    private Expr objectSetOrComprehension(Position at) {
        if (in.at(TokenType.RBRACE)) {
            in.next();
            return new Expr.ObjectLiteral(at, List.of(), List.of());
        }
        Expr first = elementExpression();
        if (in.at(TokenType.COLON)) {
            in.next();
            Expr value = elementExpression();
            if (in.at(TokenType.PIPE)) {
                in.next();
                return new Expr.ObjectComprehension(at, first, value, comprehensionBody(TokenType.RBRACE));
            }
            List<Expr> keys = new ArrayList<>(List.of(first));
            List<Expr> values = new ArrayList<>(List.of(value));
            while (in.at(TokenType.COMMA)) {
                in.next();
                if (in.at(TokenType.RBRACE)) {
                    break;
                }
                keys.add(elementExpression());
                in.expect(TokenType.COLON, "in object literal");
                values.add(elementExpression());
            }
            in.expect(TokenType.RBRACE, "at the end of object literal");
            return new Expr.ObjectLiteral(at, keys, values);
        }
        if (in.at(TokenType.PIPE)) {
            in.next();
            return new Expr.SetComprehension(at, first, comprehensionBody(TokenType.RBRACE));
        }
        return new Expr.SetLiteral(at, collectionTail(first, TokenType.RBRACE));
    }

    /** An element of a collection: a full expression, but {@code |} starts a comprehension body. */
    private Expr elementExpression() {
        boolean saved = unionStopsExpression;
        unionStopsExpression = true;
        try {
            return listElement();
        } finally {
            unionStopsExpression = saved;
        }
    }

    private List<Expr> collectionTail(Expr first, TokenType close) {
        List<Expr> elements = new ArrayList<>(List.of(first));
        while (in.at(TokenType.COMMA)) {
            in.next();
            if (in.at(close)) {
                break;
            }
            elements.add(elementExpression());
        }
        in.expect(close, "at the end of collection");
        return elements;
    }

    private Query comprehensionBody(TokenType close) {
        Query body = queryInBraces.get();
        in.expect(close, "at the end of comprehension");
        return body;
    }
}

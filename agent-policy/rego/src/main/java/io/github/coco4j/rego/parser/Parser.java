package io.github.coco4j.rego.parser;

import io.github.coco4j.rego.ast.Expr;
import io.github.coco4j.rego.ast.Import;
import io.github.coco4j.rego.ast.Literal;
import io.github.coco4j.rego.ast.Module;
import io.github.coco4j.rego.ast.Position;
import io.github.coco4j.rego.ast.Query;
import io.github.coco4j.rego.ast.Rule;
import io.github.coco4j.rego.lexer.Source;
import io.github.coco4j.rego.lexer.Token;
import io.github.coco4j.rego.lexer.TokenType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Parses modules (package, imports, rules) and queries; expressions go to {@link ExpressionParser}. */
public final class Parser {
    private final TokenStream in;
    private final ExpressionParser expressions;

    private Parser(Source source, boolean regoV1) {
        this.in = new TokenStream(source, regoV1);
        this.expressions = new ExpressionParser(in, () -> query(null));
    }

    public static Module parseModule(Source source, boolean regoV1) {
        return new Parser(source, regoV1).module();
    }

    /** A query such as {@code data.agent_policy.ExecProcessRequest}, in v1 syntax unless told. */
    public static Query parseQuery(Source source, boolean regoV1) {
        Parser parser = new Parser(source, regoV1);
        parser.in.enableAllFutureKeywords();
        Query query = parser.query(TokenType.EOF);
        if (!parser.in.at(TokenType.EOF)) {
            throw parser.in.error(parser.in.peek(), "expecting EOF");
        }
        return query;
    }

    private Module module() {
        Token pkg = in.peek();
        if (!pkg.isIdent("package")) {
            throw in.error(pkg, "expecting `package`, found " + pkg.describe());
        }
        in.next();
        List<String> packagePath = path("package name");
        List<Import> imports = new ArrayList<>();
        Map<String, Import> aliases = new HashMap<>();
        while (in.atIdent("import")) {
            Import imp = importDeclaration();
            if (imp != null) {
                Import previous = aliases.put(imp.alias(), imp);
                if (previous != null) {
                    throw imp.position().error("this import shadows previous import of `" + imp.alias() + "`");
                }
                imports.add(imp);
            }
        }
        List<Rule> rules = new ArrayList<>();
        while (!in.at(TokenType.EOF)) {
            Token start = in.peek();
            if (start.isIdent("import")) {
                throw in.error(start, "unexpected keyword `import`: imports must precede rules");
            }
            if (start.isIdent("package")) {
                throw in.error(start, "unexpected keyword `package`");
            }
            rules.addAll(new RuleParser(in, expressions, this::query, this::literal).rule());
        }
        return new Module(in.source, new Position(in.source, pkg.line(), pkg.column()), packagePath, imports, rules, in.regoV1);
    }

    /** Dotted names, also with {@code ["string"]} segments. */
    private List<String> path(String what) {
        List<String> segments = new ArrayList<>();
        Token first = in.next();
        if (!first.is(TokenType.IDENT)) {
            throw in.error(first, "expecting " + what + ", found " + first.describe());
        }
        segments.add(first.text());
        while (!in.peek().newlineBefore()) {
            if (in.at(TokenType.DOT)) {
                in.next();
                Token field = in.expect(TokenType.IDENT, "in " + what);
                segments.add(field.text());
            } else if (in.at(TokenType.LBRACKET)) {
                in.next();
                Token key = in.next();
                if (!key.is(TokenType.STRING) && !key.is(TokenType.RAW_STRING)) {
                    throw in.error(key, "expected string literal in " + what);
                }
                segments.add(key.text());
                in.expect(TokenType.RBRACKET, "in " + what);
            } else {
                break;
            }
        }
        return segments;
    }

    private Import importDeclaration() {
        Token keyword = in.next();
        Position at = in.position(keyword);
        List<String> path = path("import path");
        String root = path.get(0);
        if (root.equals("future")) {
            if (path.size() < 2 || !path.get(1).equals("keywords") || path.size() > 3
                    || (path.size() == 3 && !TokenStream.FUTURE_KEYWORDS.contains(path.get(2)))) {
                throw at.error("unknown future import `" + String.join(".", path) + "`");
            }
            if (path.size() == 2) {
                in.enableAllFutureKeywords();
            } else {
                in.enableFutureKeyword(path.get(2));
            }
            return null;
        }
        if (root.equals("rego")) {
            if (path.size() != 2 || !path.get(1).equals("v1")) {
                throw at.error("unknown import `" + String.join(".", path) + "`");
            }
            in.enableAllFutureKeywords();
            in.regoV1 = true;
            return null;
        }
        if (!root.equals("data") && !root.equals("input")) {
            throw at.error("import path must begin with one of: {data, future, input, rego}");
        }
        String alias = path.get(path.size() - 1);
        if (in.atKeyword("as")) {
            in.next();
            alias = in.expect(TokenType.IDENT, "as import alias").text();
        }
        return new Import(at, path, alias);
    }

    /** Literals up to {@code close} (not consumed; null: a closing brace or bracket of the caller). */
    Query query(TokenType close) {
        Position at = in.position();
        List<Literal> literals = new ArrayList<>();
        while (!atQueryEnd(close)) {
            if (in.at(TokenType.SEMICOLON)) {
                in.next();
                continue;
            }
            if (!literals.isEmpty() && !in.peek().newlineBefore() && !in.previous().is(TokenType.SEMICOLON)) {
                throw in.error(in.peek(), close == TokenType.EOF ? "expecting EOF"
                        : "expecting `;` or a new line between expressions, found " + in.peek().describe());
            }
            literals.add(literal());
        }
        return new Query(at, literals);
    }

    private boolean atQueryEnd(TokenType close) {
        if (in.at(TokenType.EOF)) {
            return true;
        }
        if (close == null) {
            return in.at(TokenType.RBRACE) || in.at(TokenType.RBRACKET);
        }
        return in.at(close);
    }

    Literal literal() {
        Token start = in.peek();
        Position at = in.position(start);
        if (in.atKeyword("some")) {
            in.next();
            return some(at);
        }
        if (in.atKeyword("every")) {
            in.next();
            return every(at);
        }
        boolean negated = false;
        if (in.atKeyword("not")) {
            in.next();
            negated = true;
        }
        Expr expr = assignmentOrExpression();
        return new Literal.ExprLiteral(at, expr, negated, withs());
    }

    private Expr assignmentOrExpression() {
        int mark = in.mark();
        Token start = in.peek();
        Expr left;
        try {
            left = expressions.term();
        } catch (RuntimeException notATerm) {
            in.reset(mark);
            return expressions.expression();
        }
        if (in.at(TokenType.ASSIGN) || in.at(TokenType.UNIFY)) {
            boolean declare = in.next().is(TokenType.ASSIGN);
            if (declare && left instanceof Expr.Var v && (v.name().equals("input") || v.name().equals("data"))) {
                throw in.error(start, v.name() + " cannot be shadowed");
            }
            return new Expr.Assign(left.position(), left, expressions.expression(), declare);
        }
        in.reset(mark);
        return expressions.expression();
    }

    private List<Literal.With> withs() {
        List<Literal.With> withs = new ArrayList<>();
        while (in.atKeyword("with")) {
            Position at = in.position(in.next());
            Expr target = expressions.term();
            in.expectKeyword("as", "in with modifier");
            withs.add(new Literal.With(at, target, expressions.comparison()));
        }
        return withs;
    }

    private Literal some(Position at) {
        List<Expr> terms = new ArrayList<>();
        terms.add(expressions.comparison());
        while (in.at(TokenType.COMMA)) {
            in.next();
            terms.add(expressions.comparison());
        }
        if (in.atKeyword("in")) {
            in.next();
            if (terms.size() > 2) {
                throw at.error("`some` with `in` takes at most a key and a value");
            }
            Expr collection = expressions.comparison();
            Expr key = terms.size() == 2 ? terms.get(0) : null;
            return new Literal.SomeIn(at, key, terms.get(terms.size() - 1), collection, withs());
        }
        List<Expr.Var> vars = new ArrayList<>();
        for (Expr t : terms) {
            if (!(t instanceof Expr.Var v)) {
                throw t.position().error("expecting variables after `some`");
            }
            vars.add(v);
        }
        return new Literal.SomeDecl(at, vars);
    }

    private Literal every(Position at) {
        Expr.Var first = variable();
        Expr.Var key = null;
        Expr.Var value = first;
        if (in.at(TokenType.COMMA)) {
            in.next();
            key = first;
            value = variable();
        }
        in.expectKeyword("in", "in every");
        Expr domain = expressions.comparison();
        in.expect(TokenType.LBRACE, "to start the body of every");
        Query body = query(TokenType.RBRACE);
        in.expect(TokenType.RBRACE, "to end the body of every");
        return new Literal.Every(at, key, value, domain, body, withs());
    }

    private Expr.Var variable() {
        Token t = in.expect(TokenType.IDENT, "(a variable)");
        if (in.isKeyword(t.text())) {
            throw in.error(t, "unexpected keyword `" + t.text() + "`");
        }
        return new Expr.Var(in.position(t), t.text());
    }
}
